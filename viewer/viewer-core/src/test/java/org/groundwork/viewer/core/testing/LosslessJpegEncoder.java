package org.groundwork.viewer.core.testing;

import java.io.ByteArrayOutputStream;

/**
 * Writes lossless JPEG (T.81 process 14, SOF3) for tests: any predictor, point transform, restart
 * interval and number of interleaved components. One Huffman table gives every difference category
 * a 5-bit code, which is valid if not compact. The decoder under test never shares code with it.
 */
public final class LosslessJpegEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int bitBuffer;
    private int bitCount;

    private LosslessJpegEncoder() {
    }

    /**
     * @param samples interleaved, {@code width * height * bands}
     * @param restartInterval samples (of each component) per restart interval, 0 for none
     */
    public static byte[] encode(int[] samples, int width, int height, int bands, int precision, int predictor,
                                int pointTransform, int restartInterval) {
        return new LosslessJpegEncoder().write(samples, width, height, bands, precision, predictor, pointTransform,
                restartInterval);
    }

    private byte[] write(int[] samples, int width, int height, int bands, int precision, int predictor,
                         int pointTransform, int restartInterval) {
        marker(0xD8);
        marker(0xC3);
        u16(8 + 3 * bands);
        out.write(precision);
        u16(height);
        u16(width);
        out.write(bands);
        for (int b = 0; b < bands; b++) {
            out.write(1 + b);
            out.write(0x11);
            out.write(0);
        }
        marker(0xC4);
        u16(2 + 1 + 16 + 17);
        out.write(0x00); // DC table 0
        for (int length = 1; length <= 16; length++) {
            out.write(length == 5 ? 17 : 0);
        }
        for (int category = 0; category <= 16; category++) {
            out.write(category);
        }
        if (restartInterval > 0) {
            marker(0xDD);
            u16(4);
            u16(restartInterval);
        }
        marker(0xDA);
        u16(6 + 2 * bands);
        out.write(bands);
        for (int b = 0; b < bands; b++) {
            out.write(1 + b);
            out.write(0x00);
        }
        out.write(predictor);
        out.write(0);
        out.write(pointTransform);
        int initial = 1 << (precision - pointTransform - 1);
        int stride = width * bands;
        int restartRow = 0;
        int restartColumn = 0;
        int unit = 0;
        int restarts = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (restartInterval > 0 && unit > 0 && unit % restartInterval == 0) {
                    flushBits();
                    marker(0xD0 + restarts++ % 8);
                    restartRow = y;
                    restartColumn = x;
                }
                unit++;
                for (int b = 0; b < bands; b++) {
                    int at = y * stride + x * bands + b;
                    int value = samples[at] >> pointTransform;
                    int predicted;
                    if (y == restartRow) {
                        predicted = x == restartColumn ? initial : samples[at - bands] >> pointTransform;
                    } else if (x == 0) {
                        predicted = samples[at - stride] >> pointTransform;
                    } else {
                        int a = samples[at - bands] >> pointTransform;
                        int up = samples[at - stride] >> pointTransform;
                        int c = samples[at - stride - bands] >> pointTransform;
                        predicted = switch (predictor) {
                            case 1 -> a;
                            case 2 -> up;
                            case 3 -> c;
                            case 4 -> a + up - c;
                            case 5 -> a + ((up - c) >> 1);
                            case 6 -> up + ((a - c) >> 1);
                            default -> (a + up) >> 1;
                        };
                    }
                    difference(value - predicted);
                }
            }
        }
        flushBits();
        marker(0xD9);
        return out.toByteArray();
    }

    private void difference(int raw) {
        int diff = raw & 0xFFFF;
        if (diff >= 32768) {
            diff -= 65536;
        }
        if (diff == -32768) {
            bits(16, 5); // category 16: 32768, no extra bits
            return;
        }
        int magnitude = Math.abs(diff);
        int category = magnitude == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(magnitude);
        bits(category, 5);
        if (category > 0) {
            bits(diff > 0 ? diff : diff + (1 << category) - 1, category);
        }
    }

    private void bits(int value, int count) {
        for (int n = count - 1; n >= 0; n--) {
            bitBuffer = bitBuffer << 1 | (value >> n & 1);
            if (++bitCount == 8) {
                entropyByte(bitBuffer);
                bitBuffer = 0;
                bitCount = 0;
            }
        }
    }

    /** Pads the last byte with one bits, as T.81 F.1.2.3 asks. */
    private void flushBits() {
        while (bitCount != 0) {
            bits(1, 1);
        }
    }

    private void entropyByte(int b) {
        out.write(b);
        if (b == 0xFF) {
            out.write(0); // byte stuffing
        }
    }

    private void marker(int code) {
        out.write(0xFF);
        out.write(code);
    }

    private void u16(int v) {
        out.write(v >> 8);
        out.write(v & 0xFF);
    }
}
