package org.groundwork.viewer.core.dicom.internal.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.groundwork.viewer.core.BadInputException;

/**
 * Decodes JPEG (TwelveMonkeys: baseline, extended, and lossless with subsampled components) and
 * JPEG 2000 (jai-imageio) frames through ImageIO; lossless JPEG otherwise goes to {@link LosslessJpegDecoder}. Samples are taken raw from the raster, without ImageIO's colour conversion, so
 * that the DICOM photometric interpretation decides what they mean.
 */
public final class ImageIoDecoder {
    /** Which codec family a transfer syntax needs. */
    public enum Kind { JPEG, JPEG_2000 }

    static {
        ImageIO.setUseCache(false); // decode in memory, never through temporary files
    }

    private ImageIoDecoder() {
    }

    /**
     * Decodes one frame. The size the codestream declares is checked against the DICOM header before
     * the codec runs, so a damaged stream cannot make the codec allocate an image of arbitrary size.
     */
    public static DecodedImage decode(byte[] compressed, Kind kind, int width, int height, Path file)
            throws BadInputException {
        int[] declared = kind == Kind.JPEG ? CodestreamSize.jpeg(compressed) : CodestreamSize.jpeg2000(compressed);
        if (declared == null) {
            throw new BadInputException(file, "the compressed frame has no readable "
                    + (kind == Kind.JPEG ? "JPEG frame header" : "JPEG 2000 size marker"));
        }
        if (declared[0] != width || declared[1] != height) {
            throw new BadInputException(file, "the compressed frame is " + declared[0] + " x " + declared[1]
                    + " but the header says " + width + " x " + height);
        }
        boolean lossless = kind == Kind.JPEG && declared[2] == 0xC3;
        if (lossless) {
            DecodedImage decoded = LosslessJpegDecoder.decode(compressed, file);
            if (decoded != null) {
                return decoded;
            }
        }
        if (kind == Kind.JPEG && !lossless && declared[3] != 8) {
            // 12-bit JPEG Extended: neither the JDK's reader nor TwelveMonkeys decodes it.
            return SequentialJpegDecoder.decode(compressed, file);
        }
        return CodecWatchdog.run(() -> decodeNow(compressed, kind, lossless, file), (long) width * height, file);
    }

    /**
     * @param losslessJpeg TwelveMonkeys decodes lossless JPEG only through {@code read}; its
     *     {@code readRaster} goes to the JDK's reader, which knows only the DCT processes
     */
    private static DecodedImage decodeNow(byte[] compressed, Kind kind, boolean losslessJpeg, Path file)
            throws BadInputException {
        ImageReader reader = readerFor(kind, file);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(compressed))) {
            reader.setInput(in, true, true);
            Raster raster = reader.canReadRaster() && !losslessJpeg ? readRasterOrImage(reader) : reader.read(0).getRaster();
            int w = raster.getWidth();
            int h = raster.getHeight();
            int bands = raster.getNumBands();
            int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
            return new DecodedImage(w, h, bands, samples);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw corrupt(kind, file, e);
        } catch (Error e) {
            // Codecs signal corrupt streams with all kinds of throwables (jj2000 even with Errors);
            // only running out of memory is left to propagate.
            if (e instanceof OutOfMemoryError) {
                throw e;
            }
            throw corrupt(kind, file, e);
        } finally {
            reader.dispose();
        }
    }

    private static BadInputException corrupt(Kind kind, Path file, Throwable e) {
        return new BadInputException(file, "the compressed " + (kind == Kind.JPEG ? "JPEG" : "JPEG 2000")
                + " frame could not be decoded (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    private static Raster readRasterOrImage(ImageReader reader) throws IOException {
        try {
            return reader.readRaster(0, null);
        } catch (UnsupportedOperationException e) {
            return reader.read(0).getRaster();
        }
    }

    private static ImageReader readerFor(Kind kind, Path file) throws BadInputException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind == Kind.JPEG ? "jpeg" : "jpeg2000");
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader candidate = readers.next();
            // TwelveMonkeys also reads lossless and 12-bit JPEG, which the JDK's own reader cannot.
            boolean preferred = kind == Kind.JPEG
                    ? candidate.getClass().getName().startsWith("com.twelvemonkeys")
                    : candidate.getClass().getName().contains("jpeg2000");
            if (chosen == null || preferred) {
                if (chosen != null) {
                    chosen.dispose();
                }
                chosen = candidate;
                if (preferred) {
                    break;
                }
            } else {
                candidate.dispose();
            }
        }
        if (chosen == null) {
            throw new BadInputException(file, "no " + kind + " decoder is installed");
        }
        return chosen;
    }
}
