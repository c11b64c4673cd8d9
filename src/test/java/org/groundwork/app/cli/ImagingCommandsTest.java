package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.nifti.NiftiReader;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.NiftiBomb;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info} and {@code convert} as a user runs them: output, exit status, files written. */
class ImagingCommandsTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GroundworkCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    private void twoSeriesAndAStrayFile() throws Exception {
        SyntheticSeries.write(dir.resolve("a"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.1", 7, 5, 4,
                new double[] {-10, 20, 30}, SyntheticSeries.AXIAL, new double[] {0.5, 0.75, 2.5});
        SyntheticSeries.write(dir.resolve("b"), DicomFileBuilder.IMPLICIT_LE, "1.2.3.2", 6, 4, 3,
                new double[] {0, 0, 0}, SyntheticSeries.SAGITTAL, new double[] {0.4, 0.4, 0.7});
        Files.writeString(dir.resolve("readme.txt"), "not an image");
    }

    @Test
    void infoListsEveryVolumeAndEveryUnreadableFile() throws Exception {
        twoSeriesAndAStrayFile();
        assertEquals(0, run("info", dir.toString()));
        String text = out.toString();
        assertTrue(text.contains("Volume 1: 7 x 5 x 4 int16, spacing 0.5000 x 0.7500 x 2.500 mm, axial (LPS)"), text);
        assertTrue(text.contains("Volume 2: 6 x 4 x 3 int16"), text);
        assertTrue(text.contains("sagittal (PIR)"), text);
        assertTrue(text.contains("Explicit VR Little Endian (1.2.840.10008.1.2.1)"), text);
        assertTrue(text.contains("Unreadable (1):"), text);
        assertTrue(text.contains("readme.txt: not a DICOM file"), text);
    }

    @Test
    void infoOnAFolderOfBombsAndJunkExitsNormallyAndNamesEveryFile() throws Exception {
        twoSeriesAndAStrayFile();
        SyntheticSeries.slice(DicomFileBuilder.DEFLATED_LE, "1.2.3.3", 8, 6, 0, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, 1, 1).writeDeflatedBomb(dir.resolve("blob.dcm"), 200L << 20);
        NiftiBomb.write(dir.resolve("bomb4d.nii.gz"), NiftiBomb.timePointsBeyondTheHeap());
        assertEquals(0, run("info", dir.toString()));
        String text = out.toString();
        assertTrue(text.contains("Volume 3: 8 x 6 x 1 int16"), "the small image beside the blob: " + text);
        assertTrue(text.contains("  files:       4 file(s) in " + dir.resolve("a") + ": IM0001.dcm, IM0002.dcm, IM0003.dcm, "
                + "IM0004.dcm"), text);
        assertTrue(text.contains("  files:       1 file(s) in " + dir + ": blob.dcm"), text);
        assertTrue(text.contains("Unreadable (2):"), text);
        assertTrue(text.contains(dir.resolve("bomb4d.nii.gz") + ": the image needs "), text);
        assertEquals("", err.toString());
    }

    @Test
    void infoJsonCarriesDimensionsAndTheAffine() throws Exception {
        twoSeriesAndAStrayFile();
        assertEquals(0, run("info", "--json", dir.resolve("a").toString()));
        JsonNode root = new ObjectMapper().readTree(out.toString());
        JsonNode v = root.get("volumes").get(0);
        assertEquals("[7,5,4]", v.get("dimensions").toString());
        assertEquals(-10.0, v.get("affineLps").get(0).get(3).asDouble(), 1e-9);
        assertEquals(2.5, v.get("affineLps").get(2).get(2).asDouble(), 1e-9);
        assertEquals("MR", v.get("modality").asText());
        assertEquals(0, root.get("unreadable").size());
        assertEquals(4, v.get("files").size(), "the files the volume was read from");
    }

    @Test
    void infoWithNoReadableVolumeExitsWithTwo() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "not an image");
        assertEquals(2, run("info", dir.toString()));
        assertTrue(out.toString().contains("No volume found."), out.toString());
    }

    @Test
    void convertAsksWhichSeriesAndThenWritesIt() throws Exception {
        twoSeriesAndAStrayFile();
        Path target = dir.resolve("out").resolve("second.nii.gz");
        assertEquals(2, run("convert", dir.toString(), target.toString()));
        assertTrue(err.toString().contains("holds 2 volumes; choose one with --series N"), err.toString());
        assertTrue(Files.notExists(target));

        assertEquals(0, run("convert", dir.toString(), target.toString(), "--series", "2"));
        Volume written = NiftiReader.read(target).get(0);
        assertEquals(6, written.nx());
        assertEquals(SyntheticSeries.value(5, 3, 2), written.value(5, 3, 2));
    }

    @Test
    void convertRejectsAnOutputThatIsNotNiiGz() throws Exception {
        twoSeriesAndAStrayFile();
        assertEquals(2, run("convert", dir.resolve("a").toString(), dir.resolve("x.nii").toString()));
        assertTrue(err.toString().contains("must end in .nii.gz"), err.toString());
    }
}
