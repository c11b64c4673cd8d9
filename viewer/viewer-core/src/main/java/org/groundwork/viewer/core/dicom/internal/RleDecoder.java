package org.groundwork.viewer.core.dicom.internal;

import java.nio.file.Path;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.dicom.PixelFormat;

/**
 * DICOM RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header with up to 15 segment offsets,
 * then one PackBits-coded segment per byte plane: for each sample, its most significant byte first.
 * Output is native little-endian, pixel-interleaved samples.
 */
final class RleDecoder {
    private RleDecoder() {
    }

    static byte[] decode(byte[] frame, PixelFormat f, Path file) throws BadInputException {
        int bytesPerSample = f.bitsAllocated() / 8;
        int samples = f.samplesPerPixel();
        int pixels = f.pixelsPerFrame();
        int expectedSegments = samples * bytesPerSample;
        if (frame.length < 64) {
            throw new BadInputException(file, "RLE frame is shorter than its 64-byte header");
        }
        int segments = (int) u32le(frame, 0);
        if (segments != expectedSegments) {
            throw new BadInputException(file, "RLE frame has " + segments + " segments, but "
                    + samples + " sample(s) of " + f.bitsAllocated() + " bits need " + expectedSegments);
        }
        byte[] out = new byte[pixels * samples * bytesPerSample];
        byte[] plane = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            long start = u32le(frame, 4 + 4 * s);
            long end = s + 1 < segments ? u32le(frame, 8 + 4 * s) : frame.length;
            if (start < 64 || end > frame.length || start > end) {
                throw new BadInputException(file, "RLE segment " + (s + 1) + " lies outside the frame");
            }
            unpackBits(frame, (int) start, (int) end, plane, file);
            int sample = s / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - s % bytesPerSample; // little-endian position
            int stride = samples * bytesPerSample;
            int at = sample * bytesPerSample + byteInSample;
            for (int p = 0; p < pixels; p++, at += stride) {
                out[at] = plane[p];
            }
        }
        return out;
    }

    /** PackBits: n in 0..127 copies n+1 bytes; n in -127..-1 repeats the next byte 1-n times. */
    private static void unpackBits(byte[] in, int from, int to, byte[] plane, Path file) throws BadInputException {
        int out = 0;
        int i = from;
        while (out < plane.length && i < to) {
            int n = in[i++];
            if (n >= 0) {
                int count = n + 1;
                if (i + count > to || out + count > plane.length) {
                    throw new BadInputException(file, "RLE segment is corrupt (a literal run overflows)");
                }
                System.arraycopy(in, i, plane, out, count);
                i += count;
                out += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (i >= to || out + count > plane.length) {
                    throw new BadInputException(file, "RLE segment is corrupt (a repeat run overflows)");
                }
                java.util.Arrays.fill(plane, out, out + count, in[i++]);
                out += count;
            }
        }
        if (out < plane.length) {
            throw new BadInputException(file, "RLE segment decodes to " + out + " of " + plane.length + " bytes");
        }
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xFFL) | ((b[at + 1] & 0xFFL) << 8) | ((b[at + 2] & 0xFFL) << 16) | ((b[at + 3] & 0xFFL) << 24);
    }
}
