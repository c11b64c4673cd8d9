package org.groundwork.viewer.core;

/** How stored voxel values are represented; the value a user sees is stored * slope + intercept. */
public enum VoxelType {
    UINT8(1), INT16(2), UINT16(2), INT32(4), FLOAT32(4), FLOAT64(8),
    /** Colour, one packed 0xRRGGBB int per voxel. */
    RGB24(4);

    private final int bytes;

    VoxelType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes of heap per voxel. */
    public int bytes() {
        return bytes;
    }
}
