package org.groundwork.viewer.core;

/**
 * The stored voxel values of a volume in one primitive array, index = i + nx * (j + ny * k).
 * Values are kept in their stored type (not widened to double) so that a volume takes the memory of
 * its file and nothing more.
 */
public sealed interface VoxelData {
    VoxelType type();

    int length();

    /** Stored value at a linear index, before rescaling; for RGB24 the luminance. */
    double get(int index);

    static VoxelData allocate(VoxelType type, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("volume of " + length + " voxels is larger than supported");
        }
        int n = (int) length;
        return switch (type) {
            case UINT8 -> new UInt8(new byte[n]);
            case INT16 -> new Int16(new short[n]);
            case UINT16 -> new UInt16(new short[n]);
            case INT32 -> new Int32(new int[n]);
            case FLOAT32 -> new Float32(new float[n]);
            case FLOAT64 -> new Float64(new double[n]);
            case RGB24 -> new Rgb24(new int[n]);
        };
    }

    record UInt8(byte[] values) implements VoxelData {
        public VoxelType type() {
            return VoxelType.UINT8;
        }

        public int length() {
            return values.length;
        }

        public double get(int index) {
            return values[index] & 0xFF;
        }
    }

    record Int16(short[] values) implements VoxelData {
        public VoxelType type() {
            return VoxelType.INT16;
        }

        public int length() {
            return values.length;
        }

        public double get(int index) {
            return values[index];
        }
    }

    record UInt16(short[] values) implements VoxelData {
        public VoxelType type() {
            return VoxelType.UINT16;
        }

        public int length() {
            return values.length;
        }

        public double get(int index) {
            return values[index] & 0xFFFF;
        }
    }

    record Int32(int[] values) implements VoxelData {
        public VoxelType type() {
            return VoxelType.INT32;
        }

        public int length() {
            return values.length;
        }

        public double get(int index) {
            return values[index];
        }
    }

    record Float32(float[] values) implements VoxelData {
        public VoxelType type() {
            return VoxelType.FLOAT32;
        }

        public int length() {
            return values.length;
        }

        public double get(int index) {
            return values[index];
        }
    }

    record Float64(double[] values) implements VoxelData {
        public VoxelType type() {
            return VoxelType.FLOAT64;
        }

        public int length() {
            return values.length;
        }

        public double get(int index) {
            return values[index];
        }
    }

    record Rgb24(int[] values) implements VoxelData {
        public VoxelType type() {
            return VoxelType.RGB24;
        }

        public int length() {
            return values.length;
        }

        /** Rec. 601 luma, so that grey-scale tools still work on colour images. */
        public double get(int index) {
            int v = values[index];
            return 0.299 * ((v >> 16) & 0xFF) + 0.587 * ((v >> 8) & 0xFF) + 0.114 * (v & 0xFF);
        }
    }
}
