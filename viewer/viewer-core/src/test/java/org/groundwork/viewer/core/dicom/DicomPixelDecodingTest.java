package org.groundwork.viewer.core.dicom;

import static org.groundwork.viewer.core.testing.DicomFileBuilder.EXPLICIT_LE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.RleEncoder;
import org.groundwork.viewer.core.testing.TestCodecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pixel modules and codecs, one file at a time. */
class DicomPixelDecodingTest {
    @TempDir
    Path dir;

    private static DicomFileBuilder image(String syntax, int columns, int rows, int bitsAllocated, int bitsStored,
                                          int signed, int samples, String photometric) {
        return new DicomFileBuilder(syntax)
                .string(Tag.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .string(Tag.SERIES_INSTANCE_UID, "UI", "1.2.3")
                .us(Tag.SAMPLES_PER_PIXEL, samples)
                .string(Tag.PHOTOMETRIC_INTERPRETATION, "CS", photometric)
                .us(Tag.ROWS, rows).us(Tag.COLUMNS, columns)
                .us(Tag.BITS_ALLOCATED, bitsAllocated).us(Tag.BITS_STORED, bitsStored)
                .us(Tag.HIGH_BIT, bitsStored - 1).us(Tag.PIXEL_REPRESENTATION, signed);
    }

    private DicomInstance read(DicomFileBuilder b) throws Exception {
        Path file = Files.createTempFile(dir, "img", ".dcm");
        Files.write(file, b.build());
        return DicomReader.builtIn().read(file);
    }

    private static VoxelData decode(DicomInstance instance, int frame) throws BadInputException {
        PixelFormat f = instance.pixelFormat();
        VoxelData data = VoxelData.allocate(f.voxelType(), f.pixelsPerFrame());
        instance.decodeFrame(frame, data, 0);
        return data;
    }

    @Test
    void twelveBitsStoredIgnoreGarbageInTheUnusedHighBits() throws Exception {
        short[] raw = {(short) 0xF123, 0x0FFF, (short) 0xA000, 0x0001};
        DicomInstance unsigned = read(image(EXPLICIT_LE, 2, 2, 16, 12, 0, 1, "MONOCHROME2").pixels16(raw));
        VoxelData u = decode(unsigned, 0);
        assertEquals(VoxelType.UINT16, u.type());
        assertEquals(List.of(291.0, 4095.0, 0.0, 1.0), List.of(u.get(0), u.get(1), u.get(2), u.get(3)));

        DicomInstance signed = read(image(EXPLICIT_LE, 2, 2, 16, 12, 1, 1, "MONOCHROME2").pixels16(raw));
        VoxelData s = decode(signed, 0);
        assertEquals(VoxelType.INT16, s.type());
        assertEquals(List.of(291.0, -1.0, 0.0, 1.0), List.of(s.get(0), s.get(1), s.get(2), s.get(3)));
    }

    @Test
    void eightBitSignedAndUnsigned() throws Exception {
        byte[] raw = {(byte) 200, 5, (byte) 255, 0};
        assertEquals(200.0, decode(read(image(EXPLICIT_LE, 2, 2, 8, 8, 0, 1, "MONOCHROME2").pixels8(raw)), 0).get(0));
        VoxelData s = decode(read(image(EXPLICIT_LE, 2, 2, 8, 8, 1, 1, "MONOCHROME2").pixels8(raw)), 0);
        assertEquals(VoxelType.INT16, s.type());
        assertEquals(-56.0, s.get(0));
        assertEquals(-1.0, s.get(2));
    }

    @Test
    void monochrome1IsFlaggedForInvertedDisplay() throws Exception {
        Files.write(dir.resolve("m1.dcm"), image(EXPLICIT_LE, 2, 2, 8, 8, 0, 1, "MONOCHROME1")
                .pixels8(new byte[] {1, 2, 3, 4}).build());
        var result = new org.groundwork.viewer.core.io.VolumeScanner()
                .scan(List.of(dir), org.groundwork.viewer.core.LoadMonitor.NONE);
        assertTrue(result.volumes().get(0).info().invertedGrey());
    }

    @Test
    void rgbPixelAndPlanarLayoutsAndYbrFull() throws Exception {
        byte[] interleaved = {(byte) 255, 0, 0, 0, (byte) 255, 0};
        VoxelData a = decode(read(image(EXPLICIT_LE, 2, 1, 8, 8, 0, 3, "RGB")
                .us(Tag.PLANAR_CONFIGURATION, 0).pixels8(interleaved)), 0);
        assertEquals(0xFF0000, ((VoxelData.Rgb24) a).values()[0]);
        assertEquals(0x00FF00, ((VoxelData.Rgb24) a).values()[1]);

        byte[] planar = {(byte) 255, 0, 0, (byte) 255, 0, 0};
        VoxelData b = decode(read(image(EXPLICIT_LE, 2, 1, 8, 8, 0, 3, "RGB")
                .us(Tag.PLANAR_CONFIGURATION, 1).pixels8(planar)), 0);
        assertEquals(0xFF0000, ((VoxelData.Rgb24) b).values()[0]);
        assertEquals(0x00FF00, ((VoxelData.Rgb24) b).values()[1]);

        // Pure red in full-range YCbCr is (76, 85, 255).
        VoxelData c = decode(read(image(EXPLICIT_LE, 1, 1, 8, 8, 0, 3, "YBR_FULL")
                .pixels8(new byte[] {76, 85, (byte) 255})), 0);
        int red = ((VoxelData.Rgb24) c).values()[0];
        assertTrue((red >> 16 & 0xFF) > 250 && (red >> 8 & 0xFF) < 5 && (red & 0xFF) < 5, Integer.toHexString(red));

        // 4:2:2: two pixels share one chroma pair: Y1 Y2 Cb Cr.
        VoxelData d = decode(read(image(EXPLICIT_LE, 2, 1, 8, 8, 0, 3, "YBR_FULL_422")
                .pixels8(new byte[] {76, 76, 85, (byte) 255})), 0);
        assertEquals(((VoxelData.Rgb24) d).values()[0], ((VoxelData.Rgb24) d).values()[1]);
        assertEquals(red, ((VoxelData.Rgb24) d).values()[0]);
    }

    @Test
    void rleSixteenBitSignedAndMultiFrameRgb() throws Exception {
        short[] values = {-1000, -1000, -1000, 7, 300, 300, 300, 300, 1, 2, 3, 4};
        byte[] high = new byte[values.length];
        byte[] low = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            high[i] = (byte) (values[i] >> 8);
            low[i] = (byte) values[i];
        }
        DicomInstance grey = read(image(DicomFileBuilder.RLE, 4, 3, 16, 16, 1, 1, "MONOCHROME2")
                .fragments(List.of(RleEncoder.frame(high, low))));
        VoxelData g = decode(grey, 0);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], g.get(i));
        }

        byte[] r = {(byte) 255, 0}, gr = {0, (byte) 255}, bl = {0, 0};
        DicomInstance rgb = read(image(DicomFileBuilder.RLE, 2, 1, 8, 8, 0, 3, "RGB")
                .integerString(Tag.NUMBER_OF_FRAMES, 2)
                .fragments(List.of(RleEncoder.frame(r, gr, bl), RleEncoder.frame(bl, bl, r))));
        assertEquals(0x00FF00, ((VoxelData.Rgb24) decode(rgb, 0)).values()[1]);
        assertEquals(0x0000FF, ((VoxelData.Rgb24) decode(rgb, 1)).values()[0]);
    }

    @Test
    void corruptRleSegmentIsABadInputNotACrash() throws Exception {
        byte[] frame = RleEncoder.frame(new byte[] {1, 2, 3, 4});
        frame[64] = 100; // literal run longer than the segment
        DicomInstance instance = read(image(DicomFileBuilder.RLE, 2, 2, 8, 8, 0, 1, "MONOCHROME2")
                .fragments(List.of(frame)));
        BadInputException e = assertThrows(BadInputException.class, () -> decode(instance, 0));
        assertTrue(e.getMessage().contains("RLE"), e.getMessage());
    }

    @Test
    void jpegBaselineDecodesCloseToTheOriginal() throws Exception {
        int w = 32, h = 16;
        byte[] jpeg = TestCodecs.jpegBaseline(TestCodecs.ramp(w, h, false, 256));
        DicomInstance instance = read(image(DicomFileBuilder.JPEG_BASELINE, w, h, 8, 8, 0, 1, "MONOCHROME2")
                .fragments(List.of(jpeg)));
        VoxelData v = decode(instance, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(TestCodecs.rampValue(x, y, 256), v.get(y * w + x), 4, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void jpeg2000LosslessIsExact() throws Exception {
        int w = 16, h = 8;
        byte[] j2k = TestCodecs.jpeg2000Lossless(TestCodecs.ramp(w, h, true, 4096));
        DicomInstance instance = read(image(DicomFileBuilder.JPEG_2000_LOSSLESS, w, h, 16, 12, 0, 1, "MONOCHROME2")
                .fragments(List.of(j2k)));
        VoxelData v = decode(instance, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(TestCodecs.rampValue(x, y, 4096), v.get(y * w + x), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void compressedFrameOfAnotherSizeThanTheHeaderSaysIsRejectedBeforeDecoding() throws Exception {
        byte[] j2k = TestCodecs.jpeg2000Lossless(TestCodecs.ramp(16, 8, true, 4096));
        DicomInstance instance = read(image(DicomFileBuilder.JPEG_2000_LOSSLESS, 8, 8, 16, 12, 0, 1, "MONOCHROME2")
                .fragments(List.of(j2k)));
        BadInputException e = assertThrows(BadInputException.class, () -> decode(instance, 0));
        assertTrue(e.getMessage().contains("16 x 8 but the header says 8 x 8"), e.getMessage());
    }

    @Test
    void jpegLsIsReportedAsAnUnsupportedTransferSyntaxByName() {
        BadInputException e = assertThrows(BadInputException.class, () -> read(
                image(DicomFileBuilder.JPEG_LS, 2, 2, 8, 8, 0, 1, "MONOCHROME2").fragments(List.of(new byte[] {1, 2}))));
        assertTrue(e.getMessage().contains("unsupported transfer syntax JPEG-LS Lossless"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
    }

    @Test
    void truncatedPixelDataSaysHowMuchIsMissing() throws Exception {
        byte[] file = image(EXPLICIT_LE, 4, 4, 16, 16, 0, 1, "MONOCHROME2").pixels16(new short[16]).build();
        Path p = dir.resolve("cut.dcm");
        Files.write(p, java.util.Arrays.copyOf(file, file.length - 10));
        BadInputException e = assertThrows(BadInputException.class, () -> DicomReader.builtIn().read(p));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("cut.dcm"), e.getMessage());
    }

    @Test
    void namesInUtf8AndLatin1AndNestedPrivateSequencesWithOddLengths() throws Exception {
        for (String[] cs : new String[][] {{"ISO_IR 192", "UTF-8"}, {"ISO_IR 100", "ISO-8859-1"}}) {
            DicomFileBuilder b = image(EXPLICIT_LE, 1, 1, 8, 8, 0, 1, "MONOCHROME2")
                    .charset(java.nio.charset.Charset.forName(cs[1]))
                    .string(Tag.SPECIFIC_CHARACTER_SET, "CS", cs[0])
                    .string(Tag.PATIENT_NAME, "PN", "Müller^Søren")
                    .rawValue(0x00091010, "LO", "odd".getBytes(StandardCharsets.US_ASCII));
            b.sequence(0x00291010, true, b.item().rawValue(0x00291011, "UN", new byte[] {1, 2, 3})
                    .sequence(0x00291012, false, b.item().string(0x00291013, "LO", "deep")));
            b.pixels8(new byte[] {42});
            DicomInstance instance = read(b);
            assertEquals("Müller^Søren", instance.attributes().string(Tag.PATIENT_NAME), cs[0]);
            assertEquals("odd", instance.attributes().string(0x00091010));
            DicomObject outer = instance.attributes().item(0x00291010);
            assertEquals("deep", outer.item(0x00291012).string(0x00291013));
            assertEquals(42.0, decode(instance, 0).get(0));
        }
    }

    @Test
    void implicitVrPrivateSequencesAreParsed() throws Exception {
        DicomFileBuilder b = image(DicomFileBuilder.IMPLICIT_LE, 1, 1, 16, 16, 0, 1, "MONOCHROME2");
        b.sequence(0x00431010, false, b.item().string(0x00431011, "LO", "defined"));
        b.sequence(0x00431020, true, b.item().string(0x00431021, "LO", "undefined"));
        b.pixels16(new short[] {1234});
        DicomInstance instance = read(b);
        assertEquals("defined", instance.attributes().item(0x00431010).string(0x00431011));
        assertEquals("undefined", instance.attributes().item(0x00431020).string(0x00431021));
        assertEquals(1234.0, decode(instance, 0).get(0));
    }

    @Test
    void fileWithoutPreambleOrMetaHeaderIsRead() throws Exception {
        Path p = dir.resolve("bare");
        Files.write(p, image(DicomFileBuilder.IMPLICIT_LE, 1, 1, 16, 16, 0, 1, "MONOCHROME2")
                .pixels16(new short[] {77}).build(false, false));
        assertEquals(77.0, decode(DicomReader.builtIn().read(p), 0).get(0));
    }
}
