package org.groundwork.viewer.core.dicom;

import org.groundwork.viewer.core.VoxelType;

/**
 * The Image Pixel module of a DICOM image: how its stored samples are laid out.
 *
 * @param floatingPoint pixel data in Float (7FE0,0008) or Double Float (7FE0,0009) Pixel Data
 */
public record PixelFormat(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated,
                          int bitsStored, int highBit, boolean signed, String photometric,
                          int planarConfiguration, boolean floatingPoint) {

    /** The voxel type that holds these samples without loss. */
    public VoxelType voxelType() {
        if (samplesPerPixel == 3) {
            return VoxelType.RGB24;
        }
        if (floatingPoint) {
            return bitsAllocated == 64 ? VoxelType.FLOAT64 : VoxelType.FLOAT32;
        }
        return switch (bitsAllocated) {
            case 8 -> signed ? VoxelType.INT16 : VoxelType.UINT8;
            case 16 -> signed ? VoxelType.INT16 : VoxelType.UINT16;
            default -> signed || bitsStored < 32 ? VoxelType.INT32 : VoxelType.FLOAT64;
        };
    }

    public int pixelsPerFrame() {
        return rows * columns;
    }

    /** Bytes of one uncompressed frame as stored in native pixel data. */
    public long nativeFrameBytes() {
        long samples = (long) rows * columns * samplesPerPixel;
        if (photometric.equals("YBR_FULL_422")) {
            samples = (long) rows * columns * 2; // two luma samples share one pair of chroma samples
        }
        return samples * bitsAllocated / 8;
    }
}
