package org.groundwork.viewer.core.io;

import static org.groundwork.viewer.core.testing.DicomFileBuilder.DEFLATED_LE;
import static org.groundwork.viewer.core.testing.DicomFileBuilder.EXPLICIT_LE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.FileOutcome;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.dicom.DicomSeriesLoader;
import org.groundwork.viewer.core.dicom.Tag;
import org.groundwork.viewer.core.nifti.NiftiWriter;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.NiftiBomb;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decompression bombs made here (nothing large is committed) and folders mixing good and bad files:
 * loading never ends in an OutOfMemoryError and every file is reported once with its outcome.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    private static ScanResult scan(Path... paths) {
        return new VolumeScanner().scan(List.of(paths), LoadMonitor.NONE);
    }

    private static DicomFileBuilder slice(String syntax, String series, int k) {
        return SyntheticSeries.slice(syntax, series, 8, 6, k, new double[] {0, 0, 2.0 * k}, SyntheticSeries.AXIAL, 1, 1);
    }

    @Test
    void deflatedFilesWhosePrivateBlobsInflateBeyondTheHeapTogetherLoadTheirSmallImages() throws Exception {
        // Each file is about 1 MB but inflates to 700 MB; three of them held at once exceed the test heap.
        long blob = 700L << 20;
        assertTrue(3 * blob > Runtime.getRuntime().maxMemory(), "the bombs must outweigh the heap to mean anything");
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Path file = dir.resolve("bomb" + k + ".dcm");
            slice(DEFLATED_LE, "1.2.3.500", k).writeDeflatedBomb(file, blob);
            assertTrue(Files.size(file) < 2 << 20, "small on disk: " + Files.size(file));
            files.add(file);
        }
        ScanResult result = scan(dir);
        assertEquals(List.of(), result.failures());
        assertEquals(1, result.volumes().size());
        Volume v = result.volumes().get(0);
        assertEquals(3, v.nz());
        assertEquals(SyntheticSeries.value(7, 5, 2), v.value(7, 5, 2));
        assertEquals(files.stream().map(f -> new FileOutcome(f, FileOutcome.Kind.READ, "volume 1")).toList(),
                result.report().stream().sorted(java.util.Comparator.comparing(FileOutcome::file)).toList());
    }

    @Test
    void aDeflatedBombInsideASequenceIsRefusedByTheCapOnAttributesAndTheRestLoads() throws Exception {
        DicomFileBuilder bomb = slice(DEFLATED_LE, "1.2.3.501", 0);
        bomb.sequence(0x00291010, false, bomb.item().rawValue(0x00291020, "OB", new byte[80 << 20]));
        Files.write(dir.resolve("nested-bomb.dcm"), bomb.build());
        Files.write(dir.resolve("good.dcm"), slice(DEFLATED_LE, "1.2.3.502", 0).build());
        ScanResult result = scan(dir);
        assertEquals(1, result.volumes().size());
        assertEquals(1, result.failures().size(), result.failures().toString());
        ScanResult.Failure refused = result.failures().get(0);
        assertEquals(dir.resolve("nested-bomb.dcm"), refused.file());
        assertEquals("its attributes inflate to more than 64 MB besides the image (a decompression bomb?)", refused.reason());
    }

    @Test
    void aDeflatedDataSetKeepsItsSequencesOfUndefinedLengthAndSkipsOnlyLargeTopLevelValues() throws Exception {
        // Per-frame positions in undefined-length sequences and items; a 2 MB private value inside an item
        // (kept: item lengths enclose it) and a 2 MB one at the top level (skipped).
        int columns = 4, rows = 3, frames = 3;
        DicomFileBuilder b = SyntheticSeries.slice(DEFLATED_LE, "1.2.3.503", columns, rows, 0, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, 1, 1);
        b.remove(Tag.IMAGE_POSITION_PATIENT).remove(Tag.IMAGE_ORIENTATION_PATIENT).remove(Tag.PIXEL_SPACING);
        b.integerString(Tag.NUMBER_OF_FRAMES, frames);
        short[] pixels = new short[columns * rows * frames];
        DicomFileBuilder[] perFrame = new DicomFileBuilder[frames];
        for (int k = 0; k < frames; k++) {
            System.arraycopy(SyntheticSeries.slicePixels(columns, rows, k), 0, pixels, k * columns * rows, columns * rows);
            perFrame[k] = b.item().sequence(Tag.PLANE_POSITION_SEQUENCE, true,
                    b.item().decimals(Tag.IMAGE_POSITION_PATIENT, 0, 0, 2.0 * k));
        }
        b.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, true, b.item()
                .sequence(Tag.PLANE_ORIENTATION_SEQUENCE, true, b.item().decimals(Tag.IMAGE_ORIENTATION_PATIENT, SyntheticSeries.AXIAL))
                .sequence(Tag.PIXEL_MEASURES_SEQUENCE, true, b.item().decimals(Tag.PIXEL_SPACING, 1, 1))
                .rawValue(0x00291030, "OB", new byte[2 << 20]));
        b.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, true, perFrame);
        b.rawValue(0x00291040, "OB", new byte[2 << 20]);
        b.pixels16(pixels);
        Path file = dir.resolve("enhanced-deflated.dcm");
        Files.write(file, b.build());
        ScanResult result = scan(file);
        assertEquals(List.of(), result.failures());
        Volume v = result.volumes().get(0);
        assertEquals(3, v.nz());
        for (int k = 0; k < frames; k++) {
            assertEquals(SyntheticSeries.value(3, 2, k), v.value(3, 2, k));
        }
        assertEquals(2.0, v.voxelToLps().get(2, 2), 1e-9, "frames 2 mm apart, read from the per-frame sequence");
    }

    @Test
    void aNiftiWhoseHeaderDeclaresMoreThanTheHeapIsRefusedWithTheSizesBeforeAnyAllocation() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        Path bomb = dir.resolve("bomb4d.nii.gz");
        long declared = NiftiBomb.write(bomb, NiftiBomb.timePointsBeyondTheHeap());
        Path good = dir.resolve("good.nii.gz");
        NiftiWriter.write(smallVolume(), good);

        ScanResult result = scan(bomb, good);
        assertEquals(1, result.volumes().size(), "the good file still loads");
        ScanResult.Failure refused = result.failures().get(0);
        assertEquals(bomb, refused.file());
        long needMb = declared >> 20;
        assertTrue(refused.reason().startsWith("the image needs " + needMb + " MB but only "), refused.reason());
        assertTrue(refused.reason().contains(" MB of the " + (heap >> 20) + " MB Groundwork may use are free"),
                refused.reason());
        assertEquals(Map.of(bomb, FileOutcome.Kind.UNREADABLE, good, FileOutcome.Kind.READ),
                result.report().stream().collect(Collectors.toMap(FileOutcome::file, FileOutcome::kind)));
    }

    @Test
    void everyFileGivenOrFoundAppearsOnceWithItsOutcome() throws Exception {
        Path folder = dir.resolve("study");
        List<Path> good = SyntheticSeries.write(folder.resolve("good"), EXPLICIT_LE, "1.2.3.600", 8, 6, 3,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 2});
        Path junk = folder.resolve("junk.dcm");
        byte[] noise = new byte[4000];
        new Random(7).nextBytes(noise);
        Files.write(junk, noise);
        Path empty = Files.createFile(folder.resolve("empty.dcm"));
        Path report = folder.resolve("report.dcm");
        Files.write(report, new DicomFileBuilder(EXPLICIT_LE).string(Tag.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.88.11")
                .string(Tag.MODALITY, "CS", "SR").build());
        Path missing = dir.resolve("not-there.dcm");

        // The folder, one of its files again, and a path that does not exist.
        ScanResult result = scan(folder, good.get(0), missing);
        List<FileOutcome> outcomes = result.report();
        Map<Path, FileOutcome.Kind> kinds = outcomes.stream().collect(Collectors.toMap(FileOutcome::file, FileOutcome::kind));
        assertEquals(outcomes.size(), kinds.size(), "each file once: " + outcomes);
        assertEquals(7, outcomes.size(), outcomes.toString());
        good.forEach(f -> assertEquals(FileOutcome.Kind.READ, kinds.get(f), f.toString()));
        assertEquals(FileOutcome.Kind.UNREADABLE, kinds.get(junk));
        assertEquals(FileOutcome.Kind.UNREADABLE, kinds.get(empty));
        assertEquals(FileOutcome.Kind.SKIPPED, kinds.get(report));
        assertEquals(FileOutcome.Kind.UNREADABLE, kinds.get(missing));
    }

    @Test
    void aDicomdirGivenDirectlyIsReportedAsSkippedBesideTheFilesItLists() throws Exception {
        List<Path> files = SyntheticSeries.write(dir.resolve("SER"), EXPLICIT_LE, "1.2.3.601", 4, 4, 2,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        DicomFileBuilder index = new DicomFileBuilder(EXPLICIT_LE).string(Tag.SOP_CLASS_UID, "UI", "1.2.840.10008.1.3.10");
        index.sequence(Tag.DIRECTORY_RECORD_SEQUENCE, true, files.stream()
                .map(f -> index.item().string(Tag.REFERENCED_FILE_ID, "CS", "SER\\" + f.getFileName()))
                .toArray(DicomFileBuilder[]::new));
        Path dicomdir = dir.resolve("DICOMDIR");
        Files.write(dicomdir, index.build());
        List<FileOutcome> outcomes = scan(dicomdir).report();
        assertEquals(3, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.contains(new FileOutcome(dicomdir, FileOutcome.Kind.SKIPPED, DicomSeriesLoader.DICOMDIR_SKIPPED)),
                outcomes.toString());
    }

    private static Volume smallVolume() {
        VoxelData data = VoxelData.allocate(VoxelType.INT16, 4 * 4 * 4);
        VolumeInfo info = new VolumeInfo("small", "test", "", "", "", "", "", "", "", "", "", Double.NaN, Double.NaN, false);
        return new Volume(4, 4, 4, data, Affine.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1), 1, 0, info, List.of());
    }
}
