package org.groundwork.viewer.core.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Compresses test images with the ImageIO writers that ship with the codecs. */
public final class TestCodecs {
    private TestCodecs() {
    }

    /** A grey ramp image; 8-bit or 16-bit, values below {@code max}. */
    public static BufferedImage ramp(int w, int h, boolean sixteenBit, int max) {
        BufferedImage img = new BufferedImage(w, h, sixteenBit ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, rampValue(x, y, max));
            }
        }
        return img;
    }

    public static int rampValue(int x, int y, int max) {
        return (x * 4 + y * 2) % max;
    }

    public static byte[] jpegBaseline(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.98f);
        return write(writer, img, param);
    }

    /** A lossless JPEG 2000 codestream (jai-imageio's default), without the JP2 wrapper, as DICOM wants. */
    public static byte[] jpeg2000Lossless(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        try {
            param.getClass().getMethod("setWriteCodeStreamOnly", boolean.class).invoke(param, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return write(writer, img, param);
    }

    private static byte[] write(ImageWriter writer, BufferedImage img, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
