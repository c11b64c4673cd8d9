package org.groundwork.viewer.core.nifti;

import java.nio.ByteBuffer;
import org.groundwork.viewer.core.VoxelData;

/** Converts raw NIfTI voxel bytes into a volume's stored type. */
final class VoxelDecoding {
    private VoxelDecoding() {
    }

    /** Decodes {@code length} bytes (whole voxels) into {@code data} from voxel {@code at}; returns the voxel count. */
    static int decode(byte[] bytes, int length, NiftiHeader h, VoxelData data, int at) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length).order(h.order());
        int n = length / h.bytesPerVoxel();
        switch (h.datatype()) {
            case 2 -> System.arraycopy(bytes, 0, ((VoxelData.UInt8) data).values(), at, n);
            case 256 -> {
                short[] v = ((VoxelData.Int16) data).values();
                for (int i = 0; i < n; i++) {
                    v[at + i] = bytes[i];
                }
            }
            case 4 -> b.asShortBuffer().get(((VoxelData.Int16) data).values(), at, n);
            case 512 -> b.asShortBuffer().get(((VoxelData.UInt16) data).values(), at, n);
            case 8 -> b.asIntBuffer().get(((VoxelData.Int32) data).values(), at, n);
            case 16 -> b.asFloatBuffer().get(((VoxelData.Float32) data).values(), at, n);
            case 64 -> b.asDoubleBuffer().get(((VoxelData.Float64) data).values(), at, n);
            case 128 -> {
                int[] v = ((VoxelData.Rgb24) data).values();
                for (int i = 0; i < n; i++) {
                    v[at + i] = ((bytes[3 * i] & 0xFF) << 16) | ((bytes[3 * i + 1] & 0xFF) << 8) | (bytes[3 * i + 2] & 0xFF);
                }
            }
            case 768 -> {
                double[] v = ((VoxelData.Float64) data).values();
                for (int i = 0; i < n; i++) {
                    v[at + i] = b.getInt(4 * i) & 0xFFFFFFFFL;
                }
            }
            case 1024 -> {
                double[] v = ((VoxelData.Float64) data).values();
                for (int i = 0; i < n; i++) {
                    v[at + i] = b.getLong(8 * i);
                }
            }
            case 1280 -> {
                double[] v = ((VoxelData.Float64) data).values();
                for (int i = 0; i < n; i++) {
                    long raw = b.getLong(8 * i);
                    v[at + i] = raw >= 0 ? raw : (raw >>> 1) * 2.0 + (raw & 1); // unsigned 64-bit
                }
            }
            default -> throw new IllegalStateException("datatype " + h.datatype() + " passed header validation");
        }
        return n;
    }
}
