package org.groundwork.viewer.core.dicom.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.testing.LosslessJpegEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Groundwork's lossless JPEG decoder: exact round trips of every predictor, precision, point
 * transform and restart interval; the same samples as TwelveMonkeys' reader on the same streams;
 * damaged streams refused with the file named, never another exception or a hang.
 */
class LosslessJpegDecoderTest {
    private static final Path FILE = Path.of("frame.jpg");

    /** Smooth anatomy-like texture plus noise, and the extremes of the range in one corner. */
    private static int[] image(int width, int height, int bands, int precision, long seed) {
        Random random = new Random(seed);
        int max = (1 << precision) - 1;
        int[] samples = new int[width * height * bands];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < bands; b++) {
                    double smooth = (Math.sin(x * 0.21 + b) + Math.cos(y * 0.17)) * 0.25 + 0.5;
                    int value = (int) (smooth * max) + random.nextInt(9) - 4;
                    samples[(y * width + x) * bands + b] = Math.max(0, Math.min(max, value));
                }
            }
        }
        samples[0] = max;
        samples[bands] = 0;
        samples[2 * bands] = max;
        return samples;
    }

    private static int[] decode(byte[] stream) throws BadInputException {
        return LosslessJpegDecoder.decode(stream, FILE).samples();
    }

    @ParameterizedTest(name = "predictor {0}, {1} bits, point transform {2}, restart every {3}, {4} component(s)")
    @CsvSource({
        "1, 16, 0, 0, 1", "2, 16, 0, 0, 1", "3, 16, 0, 0, 1", "4, 16, 0, 0, 1", "5, 16, 0, 0, 1", "6, 16, 0, 0, 1",
        "7, 16, 0, 0, 1", "1, 12, 0, 0, 1", "4, 8, 0, 0, 1", "1, 2, 0, 0, 1", "1, 16, 2, 0, 1", "7, 12, 3, 0, 1",
        "1, 16, 0, 37, 1", "6, 12, 0, 74, 1", "1, 8, 0, 0, 3", "4, 8, 0, 37, 3", "5, 16, 1, 0, 3"})
    void roundTripsExactly(int predictor, int precision, int pointTransform, int restart, int bands) throws Exception {
        int width = 37, height = 23;
        int[] original = image(width, height, bands, precision, predictor * 31L + precision);
        int[] expected = original.clone();
        for (int n = 0; n < expected.length; n++) {
            expected[n] = expected[n] >> pointTransform << pointTransform;
        }
        byte[] stream = LosslessJpegEncoder.encode(original, width, height, bands, precision, predictor, pointTransform,
                restart);
        DecodedImage decoded = LosslessJpegDecoder.decode(stream, FILE);
        assertEquals(width, decoded.width());
        assertEquals(height, decoded.height());
        assertEquals(bands, decoded.bands());
        assertArrayEquals(expected, decoded.samples());
    }

    @ParameterizedTest(name = "predictor {0}, {1} bits")
    @CsvSource({"1, 16", "7, 16", "4, 12", "6, 8"})
    void givesTheSamplesTwelveMonkeysGives(int predictor, int precision) throws Exception {
        int width = 64, height = 40;
        byte[] stream = LosslessJpegEncoder.encode(image(width, height, 1, precision, 5), width, height, 1, precision,
                predictor, 0, 0);
        java.util.Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        ImageReader reader = readers.next();
        while (!reader.getClass().getName().startsWith("com.twelvemonkeys")) {
            reader = readers.next(); // NoSuchElementException when TwelveMonkeys is missing
        }
        reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(stream)));
        Raster raster = reader.read(0).getRaster();
        int[] theirs = raster.getPixels(0, 0, width, height, (int[]) null);
        reader.dispose();
        assertArrayEquals(theirs, decode(stream));
    }

    @Test
    void theDicomDecoderUsesItForLosslessFrames() throws Exception {
        int[] original = image(48, 32, 1, 16, 9);
        byte[] stream = LosslessJpegEncoder.encode(original, 48, 32, 1, 16, 1, 0, 0);
        assertArrayEquals(original, ImageIoDecoder.decode(stream, ImageIoDecoder.Kind.JPEG, 48, 32, FILE).samples());
    }

    @Test
    void damagedStreamsAreRefusedWithTheFileNamed() {
        byte[] stream = LosslessJpegEncoder.encode(image(40, 30, 1, 16, 3), 40, 30, 1, 16, 1, 0, 0);
        Random random = new Random(11);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] damaged;
            if (trial < 100) {
                damaged = Arrays.copyOf(stream, 2 + random.nextInt(stream.length - 2)); // truncated
            } else {
                damaged = stream.clone();
                for (int n = 0; n < 1 + random.nextInt(8); n++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                DecodedImage image = LosslessJpegDecoder.decode(damaged, FILE);
                if (image != null) {
                    assertEquals(image.width() * image.height() * image.bands(), image.samples().length);
                }
            } catch (BadInputException e) {
                assertEquals(FILE, e.file());
                assertTrue(e.getMessage().contains("JPEG"), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 50, "refused " + refused + " of 300 damaged streams");
        assertThrows(BadInputException.class, () -> LosslessJpegDecoder.decode(new byte[] {(byte) 0xFF, (byte) 0xD8}, FILE));
    }
}
