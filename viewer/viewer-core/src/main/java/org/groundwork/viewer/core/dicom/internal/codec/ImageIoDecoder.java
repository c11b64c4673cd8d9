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
 * Decodes JPEG (TwelveMonkeys: baseline, extended, lossless) and JPEG 2000 (jai-imageio) frames
 * through ImageIO. Samples are taken raw from the raster, without ImageIO's colour conversion, so
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

    public static DecodedImage decode(byte[] compressed, Kind kind, Path file) throws BadInputException {
        ImageReader reader = readerFor(kind, file);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(compressed))) {
            reader.setInput(in, true, true);
            Raster raster = reader.canReadRaster() ? readRasterOrImage(reader) : reader.read(0).getRaster();
            int w = raster.getWidth();
            int h = raster.getHeight();
            int bands = raster.getNumBands();
            int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
            return new DecodedImage(w, h, bands, samples);
        } catch (IOException | RuntimeException e) {
            // Codecs signal corrupt streams with all kinds of runtime exceptions; none of them is our bug.
            throw new BadInputException(file, "the compressed " + (kind == Kind.JPEG ? "JPEG" : "JPEG 2000")
                    + " frame could not be decoded (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } finally {
            reader.dispose();
        }
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
