package org.groundwork.viewer.core.dicom.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.dicom.DicomInstance;
import org.groundwork.viewer.core.dicom.DicomReader;
import org.groundwork.viewer.core.dicom.PixelFormat;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/** Groundwork's own sequential JPEG decoder against dcmtk (12-bit) and the JDK's libjpeg (8-bit). */
class SequentialJpegDecoderTest {
    private static final Path FILE = Path.of("test.jpg");

    private static VoxelData decodeFile(String resource) throws Exception {
        DicomInstance instance = DicomReader.builtIn().read(
                Path.of(SequentialJpegDecoderTest.class.getResource("/fixtures/" + resource).toURI()));
        PixelFormat f = instance.pixelFormat();
        VoxelData data = VoxelData.allocate(f.voxelType(), f.pixelsPerFrame());
        instance.decodeFrame(0, data, 0);
        return data;
    }

    @Test
    void twelveBitJpegExtendedMatchesDcmtkWithinOneGreyLevel() throws Exception {
        VoxelData ours = decodeFile("jpeg12.dcm");
        VoxelData dcmtk = decodeFile("jpeg12-dcmtk-decoded.dcm");
        assertEquals(40 * 24, ours.length());
        double maxDifference = 0;
        double maxValue = 0;
        for (int i = 0; i < ours.length(); i++) {
            maxDifference = Math.max(maxDifference, Math.abs(ours.get(i) - dcmtk.get(i)));
            maxValue = Math.max(maxValue, dcmtk.get(i));
        }
        assertTrue(maxDifference <= 1, "largest difference " + maxDifference);
        assertTrue(maxValue > 255, "the fixture really uses more than 8 bits: " + maxValue);
    }

    @Test
    void eightBitGreyWithRestartIntervalsMatchesTheJdkDecoder() throws Exception {
        BufferedImage img = new BufferedImage(37, 29, BufferedImage.TYPE_BYTE_GRAY); // sizes not multiples of 8
        for (int y = 0; y < 29; y++) {
            for (int x = 0; x < 37; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * y) % 256);
            }
        }
        byte[] jpeg = encode(img, 2);
        DecodedImage ours = SequentialJpegDecoder.decode(jpeg, FILE);
        Raster jdk = jdkRaster(jpeg);
        assertEquals(37, ours.width());
        assertEquals(29, ours.height());
        int[] reference = jdk.getPixels(0, 0, 37, 29, (int[]) null);
        for (int i = 0; i < reference.length; i++) {
            assertEquals(reference[i], ours.samples()[i], 1, "sample " + i);
        }
    }

    @Test
    void subsampledColourGivesFullSizeComponentsCloseToTheJdk() throws Exception {
        BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                img.setRGB(x, y, (x * 10) << 16 | (y * 15) << 8 | 128);
            }
        }
        byte[] jpeg = encode(img, 0);
        DecodedImage ours = SequentialJpegDecoder.decode(jpeg, FILE);
        int[] reference = jdkRaster(jpeg).getPixels(0, 0, 24, 16, (int[]) null);
        assertEquals(3, ours.bands());
        double lumaError = 0;
        for (int p = 0; p < 24 * 16; p++) {
            lumaError = Math.max(lumaError, Math.abs(reference[p * 3] - ours.samples()[p * 3]));
        }
        assertTrue(lumaError <= 1, "luma differs by " + lumaError);
    }

    @Test
    void progressiveJpegIsRefusedByName() {
        byte[] sof2 = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC2, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0};
        BadInputException e = assertThrows(BadInputException.class, () -> SequentialJpegDecoder.decode(sof2, FILE));
        assertTrue(e.getMessage().contains("SOF2"), e.getMessage());
    }

    private static Raster jdkRaster(byte[] jpeg) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
        Raster raster = reader.readRaster(0, null);
        reader.dispose();
        return raster;
    }

    /** Baseline JPEG from the JDK's writer, with a restart marker every {@code restartInterval} MCUs. */
    private static byte[] encode(BufferedImage img, int restartInterval) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
        if (restartInterval > 0) {
            String format = "javax_imageio_jpeg_image_1.0";
            Node tree = meta.getAsTree(format);
            Node markers = tree.getLastChild();
            while (!"markerSequence".equals(markers.getNodeName())) {
                markers = markers.getPreviousSibling();
            }
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            markers.insertBefore(dri, markers.getFirstChild());
            meta.setFromTree(format, tree);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, meta), param);
        }
        writer.dispose();
        byte[] jpeg = bytes.toByteArray();
        if (restartInterval > 0) {
            boolean hasRestart = false;
            for (int i = 0; i + 1 < jpeg.length; i++) {
                hasRestart |= (jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xF8) == 0xD0;
            }
            assertTrue(hasRestart, "the test image must contain restart markers");
        }
        return jpeg;
    }
}
