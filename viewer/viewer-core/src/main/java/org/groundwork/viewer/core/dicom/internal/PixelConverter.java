package org.groundwork.viewer.core.dicom.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.dicom.PixelFormat;

/** Turns stored DICOM samples (native bytes or decoded codec samples) into voxel values. */
final class PixelConverter {
    private PixelConverter() {
    }

    /** Native (uncompressed) pixel bytes of one frame. */
    static void fromNative(byte[] bytes, ByteOrder order, PixelFormat f, VoxelData target, int offset) {
        int n = f.pixelsPerFrame();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        if (f.floatingPoint()) {
            if (target instanceof VoxelData.Float32 t) {
                buffer.asFloatBuffer().get(t.values(), offset, n);
            } else if (target instanceof VoxelData.Float64 t) {
                buffer.asDoubleBuffer().get(t.values(), offset, n);
            }
            return;
        }
        if (f.samplesPerPixel() == 1 && f.bitsAllocated() == 16) {
            short[] values = target instanceof VoxelData.Int16 t ? t.values() : ((VoxelData.UInt16) target).values();
            buffer.asShortBuffer().get(values, offset, n); // the common case: one bulk copy
            if (f.bitsStored() != 16) {
                for (int i = offset; i < offset + n; i++) {
                    values[i] = (short) stored(values[i] & 0xFFFF, f);
                }
            }
            return;
        }
        if (f.samplesPerPixel() == 1 && f.bitsAllocated() == 8 && target instanceof VoxelData.UInt8 t) {
            System.arraycopy(bytes, 0, t.values(), offset, n);
            if (f.bitsStored() != 8) {
                for (int i = offset; i < offset + n; i++) {
                    t.values()[i] = (byte) stored(t.values()[i] & 0xFF, f);
                }
            }
            return;
        }
        fromSamples(nativeSamples(buffer, f), f, false, target, offset);
    }

    /** Pixel-interleaved samples of one frame, expanding planar and 4:2:2 layouts. */
    private static int[] nativeSamples(ByteBuffer buffer, PixelFormat f) {
        int pixels = f.pixelsPerFrame();
        int spp = f.samplesPerPixel();
        int[] raw = new int[(int) (f.nativeFrameBytes() / (f.bitsAllocated() / 8))];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = switch (f.bitsAllocated()) {
                case 8 -> buffer.get(i) & 0xFF;
                case 16 -> buffer.getShort(i * 2) & 0xFFFF;
                default -> buffer.getInt(i * 4);
            };
        }
        if (spp == 1) {
            return raw;
        }
        int[] interleaved = new int[pixels * 3];
        if (f.photometric().equals("YBR_FULL_422")) {
            // Y1 Y2 Cb Cr for each pair of pixels along a row.
            for (int pair = 0; pair < pixels / 2; pair++) {
                int cb = raw[pair * 4 + 2];
                int cr = raw[pair * 4 + 3];
                for (int k = 0; k < 2; k++) {
                    int p = pair * 2 + k;
                    interleaved[p * 3] = raw[pair * 4 + k];
                    interleaved[p * 3 + 1] = cb;
                    interleaved[p * 3 + 2] = cr;
                }
            }
        } else if (f.planarConfiguration() == 1) {
            for (int p = 0; p < pixels; p++) {
                for (int s = 0; s < 3; s++) {
                    interleaved[p * 3 + s] = raw[s * pixels + p];
                }
            }
        } else {
            System.arraycopy(raw, 0, interleaved, 0, interleaved.length);
        }
        return interleaved;
    }

    /**
     * Pixel-interleaved samples of one frame.
     *
     * @param colourTransformed the codec already turned YCbCr into RGB (JPEG 2000's component transform)
     */
    static void fromSamples(int[] samples, PixelFormat f, boolean colourTransformed, VoxelData target, int offset) {
        int n = f.pixelsPerFrame();
        if (target instanceof VoxelData.Rgb24 rgb) {
            boolean ycbcr = !colourTransformed && f.photometric().startsWith("YBR_FULL");
            int shift = Math.max(0, f.bitsStored() - 8); // 16-bit colour is shown with 8 bits per channel
            for (int p = 0; p < n; p++) {
                int a = samples[p * 3] >>> shift;
                int b = samples[p * 3 + 1] >>> shift;
                int c = samples[p * 3 + 2] >>> shift;
                rgb.values()[offset + p] = ycbcr ? ycbcrToRgb(a, b, c) : (clamp(a) << 16) | (clamp(b) << 8) | clamp(c);
            }
            return;
        }
        if (target instanceof VoxelData.UInt8 t) {
            for (int p = 0; p < n; p++) {
                t.values()[offset + p] = (byte) stored(samples[p], f);
            }
        } else if (target instanceof VoxelData.Int16 t) {
            for (int p = 0; p < n; p++) {
                t.values()[offset + p] = (short) stored(samples[p], f);
            }
        } else if (target instanceof VoxelData.UInt16 t) {
            for (int p = 0; p < n; p++) {
                t.values()[offset + p] = (short) stored(samples[p], f);
            }
        } else if (target instanceof VoxelData.Int32 t) {
            for (int p = 0; p < n; p++) {
                t.values()[offset + p] = (int) stored(samples[p], f);
            }
        } else if (target instanceof VoxelData.Float64 t) {
            for (int p = 0; p < n; p++) {
                t.values()[offset + p] = stored(samples[p], f);
            }
        } else {
            throw new IllegalArgumentException("cannot store grey samples in " + target.type());
        }
    }

    /** The value of a raw sample: the bits from High Bit down, sign-extended when signed. */
    static long stored(int raw, PixelFormat f) {
        int bits = f.bitsStored();
        int shift = f.highBit() + 1 - bits;
        long v = ((raw & 0xFFFFFFFFL) >>> shift) & ((1L << bits) - 1);
        if (f.signed() && (v & (1L << (bits - 1))) != 0) {
            v -= 1L << bits;
        }
        return v;
    }

    /** Full-range YCbCr (ITU-R BT.601, as DICOM's YBR_FULL) to packed RGB. */
    static int ycbcrToRgb(int y, int cb, int cr) {
        double r = y + 1.402 * (cr - 128);
        double g = y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128);
        double b = y + 1.772 * (cb - 128);
        return (clamp((int) Math.round(r)) << 16) | (clamp((int) Math.round(g)) << 8) | clamp((int) Math.round(b));
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
