package org.groundwork.viewer.core.dicom;

import static org.groundwork.viewer.core.testing.DicomFileBuilder.DEFLATED_LE;
import static org.groundwork.viewer.core.testing.DicomFileBuilder.EXPLICIT_BE;
import static org.groundwork.viewer.core.testing.DicomFileBuilder.EXPLICIT_LE;
import static org.groundwork.viewer.core.testing.DicomFileBuilder.IMPLICIT_LE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Orientation;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Whole series: every uncompressed syntax, sorting, geometry and the warnings a reader must see. */
class DicomSeriesLoadingTest {
    @TempDir
    Path dir;

    private static ScanResult scan(Path path) {
        return new VolumeScanner().scan(List.of(path), LoadMonitor.NONE);
    }

    static void assertPhantomValues(Volume v) {
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    assertEquals(SyntheticSeries.value(i, j, k), v.value(i, j, k), "voxel " + i + "," + j + "," + k);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE, DEFLATED_LE})
    void axialSeriesInEveryUncompressedSyntaxLoadsSortedWithTheRightAffine(String syntax) {
        SyntheticSeries.write(dir, syntax, "1.2.3.10", 7, 5, 4, new double[] {-10, 20, 30},
                SyntheticSeries.AXIAL, new double[] {0.5, 0.75, 2.5});
        ScanResult result = scan(dir);
        assertEquals(List.of(), result.failures());
        assertEquals(1, result.volumes().size());
        Volume v = result.volumes().get(0);
        assertEquals(7, v.nx());
        assertEquals(5, v.ny());
        assertEquals(4, v.nz());
        assertEquals(VoxelType.INT16, v.data().type());
        assertPhantomValues(v);
        Affine expected = Affine.of(0.5, 0, 0, -10, 0, 0.75, 0, 20, 0, 0, 2.5, 30, 0, 0, 0, 1);
        assertTrue(expected.approximatelyEquals(v.voxelToLps(), 1e-6), v.voxelToLps().toString());
        assertEquals("MR", v.info().modality());
        assertEquals("Synthetic knee", v.info().seriesDescription());
        assertEquals(500, v.info().windowCenter());
        assertEquals(List.of(), v.warnings());
        assertEquals("LPS", Orientation.axisCodes(v.voxelToLps()));
    }

    @Test
    void theMiddleSliceIsReadyForAPreviewBeforeTheRestIsDecoded() {
        SyntheticSeries.write(dir, EXPLICIT_LE, "1.2.3.40", 6, 5, 9, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        List<Volume> previews = new java.util.ArrayList<>();
        List<Boolean> middleReady = new java.util.ArrayList<>();
        LoadMonitor monitor = LoadMonitor.onPreview(loading -> {
            previews.add(loading);
            middleReady.add(loading.value(3, 2, 4) == SyntheticSeries.value(3, 2, 4));
        });
        Volume v = new VolumeScanner().scan(List.of(dir), monitor).volumes().get(0);
        assertEquals(List.of(v), previews, "the preview is the volume being filled");
        assertEquals(List.of(true), middleReady);
        assertPhantomValues(v);
    }

    @Test
    void cancellingStopsTheLoad() {
        SyntheticSeries.write(dir, EXPLICIT_LE, "1.2.3.41", 6, 5, 9, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        LoadMonitor cancelAtOnce = new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> new VolumeScanner().scan(List.of(dir), cancelAtOnce));
    }

    @Test
    void sagittalSeriesGetsASagittalAffine() {
        SyntheticSeries.write(dir, EXPLICIT_LE, "1.2.3.11", 6, 4, 3, new double[] {-40, -50, 60},
                SyntheticSeries.SAGITTAL, new double[] {0.4, 0.4, 0.7});
        Volume v = scan(dir).volumes().get(0);
        assertEquals("sagittal", Orientation.slicePlane(v.voxelToLps()));
        assertEquals("PIR", Orientation.axisCodes(v.voxelToLps()));
        double[] corner = v.voxelToLps().apply(5, 3, 2);
        assertEquals(-40 - 2 * 0.7, corner[0], 1e-6); // normal = row x column = -x: towards the right
        assertEquals(-50 + 5 * 0.4, corner[1], 1e-6);
        assertEquals(60 - 3 * 0.4, corner[2], 1e-6);
        assertPhantomValues(v);
    }

    @Test
    void missingSliceIsReported() throws Exception {
        List<Path> files = SyntheticSeries.write(dir, EXPLICIT_LE, "1.2.3.12", 4, 4, 6, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 2});
        Files.delete(files.get(3));
        Volume v = scan(dir).volumes().get(0);
        assertEquals(5, v.nz());
        assertTrue(v.warnings().stream().anyMatch(w -> w.contains("missing")), v.warnings().toString());
    }

    @Test
    void nonUniformSpacingIsReported() throws Exception {
        for (int k = 0; k < 4; k++) {
            double z = k < 3 ? k * 2.0 : 4.0 + 2.6;
            Files.write(dir.resolve("s" + k), SyntheticSeries.slice(EXPLICIT_LE, "1.2.3.13", 4, 4, k,
                    new double[] {0, 0, z}, SyntheticSeries.AXIAL, 1, 1).build());
        }
        Volume v = scan(dir).volumes().get(0);
        assertTrue(v.warnings().stream().anyMatch(w -> w.contains("non-uniform")), v.warnings().toString());
    }

    @Test
    void gantryTiltIsReportedAndTheAffineFollowsTheRealPositions() throws Exception {
        for (int k = 0; k < 5; k++) {
            // Each slice shifts 0.5 mm in y per 2 mm in z: a tilt of about 14 degrees.
            Files.write(dir.resolve("s" + k), SyntheticSeries.slice(EXPLICIT_LE, "1.2.3.14", 4, 4, k,
                    new double[] {0, 0.5 * k, 2.0 * k}, SyntheticSeries.AXIAL, 1, 1).build());
        }
        Volume v = scan(dir).volumes().get(0);
        assertTrue(v.warnings().stream().anyMatch(w -> w.contains("gantry tilt of 14.0")), v.warnings().toString());
        double[] last = v.voxelToLps().apply(0, 0, 4);
        assertEquals(2.0, last[1], 1e-6);
        assertEquals(8.0, last[2], 1e-6);
    }

    @Test
    void seriesMixingOrientationsOpensAsOneVolumePerOrientation() throws Exception {
        SyntheticSeries.write(dir.resolve("a"), EXPLICIT_LE, "1.2.3.15", 4, 4, 3, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        SyntheticSeries.write(dir.resolve("b"), EXPLICIT_LE, "1.2.3.15", 4, 4, 2, new double[] {0, 0, 0},
                SyntheticSeries.CORONAL, new double[] {1, 1, 1});
        ScanResult result = scan(dir);
        assertEquals(2, result.volumes().size());
        for (Volume v : result.volumes()) {
            assertTrue(v.warnings().stream().anyMatch(w -> w.contains("mixes 2")), v.warnings().toString());
        }
    }

    @Test
    void twoSeriesInOneFolderStaySeparateAndNonDicomFilesAreReportedNotFatal() throws Exception {
        SyntheticSeries.write(dir, EXPLICIT_LE, "1.2.3.16", 4, 4, 3, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        SyntheticSeries.write(dir.resolve("other"), IMPLICIT_LE, "1.2.3.17", 5, 3, 2, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        Files.writeString(dir.resolve("notes.txt"), "radiologist's notes, not an image");
        Files.write(dir.resolve("empty.dcm"), new byte[0]);
        ScanResult result = scan(dir);
        assertEquals(2, result.volumes().size());
        assertEquals(2, result.failures().size(), result.failures().toString());
        assertTrue(result.failures().stream().anyMatch(f -> f.file().endsWith("notes.txt")
                && f.reason().contains("not a DICOM file")));
        assertTrue(result.failures().stream().anyMatch(f -> f.file().endsWith("empty.dcm")
                && f.reason().contains("empty")));
    }

    @Test
    void dicomdirGivenDirectlyIsFollowedToTheFilesItListsAndSkippedInAFolderScan() throws Exception {
        List<Path> files = SyntheticSeries.write(dir.resolve("SER"), EXPLICIT_LE, "1.2.3.30", 4, 4, 3,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        var index = new org.groundwork.viewer.core.testing.DicomFileBuilder(EXPLICIT_LE)
                .string(Tag.SOP_CLASS_UID, "UI", DicomSeriesLoader.DICOMDIR_SOP_CLASS);
        var records = new org.groundwork.viewer.core.testing.DicomFileBuilder[files.size() + 1];
        for (int n = 0; n < files.size(); n++) {
            records[n] = index.item().string(Tag.REFERENCED_FILE_ID, "CS", "SER\\" + files.get(n).getFileName());
        }
        records[files.size()] = index.item().string(Tag.REFERENCED_FILE_ID, "CS", "..\\escape.dcm");
        index.sequence(Tag.DIRECTORY_RECORD_SEQUENCE, true, records);
        Path dicomdir = dir.resolve("DICOMDIR");
        Files.write(dicomdir, index.build());

        ScanResult viaIndex = scan(dicomdir);
        assertEquals(1, viaIndex.volumes().size());
        assertEquals(3, viaIndex.volumes().get(0).nz());
        assertTrue(viaIndex.failures().stream().anyMatch(f -> f.reason().contains("outside its folder")),
                viaIndex.failures().toString());

        ScanResult viaFolder = scan(dir);
        assertEquals(1, viaFolder.volumes().size());
        assertTrue(viaFolder.skipped().stream().anyMatch(f -> f.file().equals(dicomdir)), viaFolder.skipped().toString());
    }

    @Test
    void rescaleSlopeAndInterceptGiveRealValues() throws Exception {
        for (int k = 0; k < 2; k++) {
            Files.write(dir.resolve("s" + k), SyntheticSeries.slice(EXPLICIT_LE, "1.2.3.18", 3, 3, k,
                    new double[] {0, 0, k}, SyntheticSeries.AXIAL, 1, 1)
                    .decimals(Tag.RESCALE_SLOPE, 2).decimals(Tag.RESCALE_INTERCEPT, -1024).build());
        }
        Volume v = scan(dir).volumes().get(0);
        assertEquals(VoxelType.INT16, v.data().type());
        assertEquals(SyntheticSeries.value(2, 1, 1) * 2.0 - 1024, v.value(2, 1, 1));
    }

    @Test
    void slicesWithTheirOwnRescaleBecomeFloatWithRealValues() throws Exception {
        for (int k = 0; k < 3; k++) {
            Files.write(dir.resolve("s" + k), SyntheticSeries.slice(EXPLICIT_LE, "1.2.3.19", 3, 3, k,
                    new double[] {0, 0, k}, SyntheticSeries.AXIAL, 1, 1)
                    .decimals(Tag.RESCALE_SLOPE, k + 1).decimals(Tag.RESCALE_INTERCEPT, 10).build());
        }
        Volume v = scan(dir).volumes().get(0);
        assertEquals(VoxelType.FLOAT32, v.data().type());
        for (int k = 0; k < 3; k++) {
            assertEquals(SyntheticSeries.value(1, 2, k) * (k + 1.0) + 10, v.value(1, 2, k), 1e-3);
        }
    }

    @Test
    void enhancedMultiFrameUsesPerFramePositions() throws Exception {
        int columns = 4, rows = 3, frames = 3;
        var b = SyntheticSeries.slice(EXPLICIT_LE, "1.2.3.20", columns, rows, 0, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, 1, 1);
        b.remove(Tag.IMAGE_POSITION_PATIENT).remove(Tag.IMAGE_ORIENTATION_PATIENT).remove(Tag.PIXEL_SPACING);
        b.integerString(Tag.NUMBER_OF_FRAMES, frames);
        // Frames stored in descending z; pixel values say which slice each one is.
        short[] pixels = new short[columns * rows * frames];
        var perFrame = new org.groundwork.viewer.core.testing.DicomFileBuilder[frames];
        for (int f = 0; f < frames; f++) {
            int k = frames - 1 - f;
            System.arraycopy(SyntheticSeries.slicePixels(columns, rows, k), 0, pixels, f * columns * rows, columns * rows);
            perFrame[f] = b.item().sequence(Tag.PLANE_POSITION_SEQUENCE, false,
                    b.item().decimals(Tag.IMAGE_POSITION_PATIENT, 5, 6, 3.0 * k));
        }
        b.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, true, b.item()
                .sequence(Tag.PLANE_ORIENTATION_SEQUENCE, true, b.item().decimals(Tag.IMAGE_ORIENTATION_PATIENT, SyntheticSeries.AXIAL))
                .sequence(Tag.PIXEL_MEASURES_SEQUENCE, false, b.item().decimals(Tag.PIXEL_SPACING, 0.8, 0.6)));
        b.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, false, perFrame);
        b.pixels16(pixels);
        Files.write(dir.resolve("enhanced.dcm"), b.build());
        Volume v = scan(dir).volumes().get(0);
        assertEquals(3, v.nz());
        assertPhantomValues(v);
        Affine expected = Affine.of(0.6, 0, 0, 5, 0, 0.8, 0, 6, 0, 0, 3, 0, 0, 0, 0, 1);
        assertTrue(expected.approximatelyEquals(v.voxelToLps(), 1e-6), v.voxelToLps().toString());
    }

    @Test
    void aRefusedSeriesNamesEveryOneOfItsFiles(@TempDir Path dir) throws Exception {
        // Three RLE slices; the middle one's run overflows its segment, which shows only when it is decoded.
        List<Path> files = new java.util.ArrayList<>();
        for (int k = 0; k < 3; k++) {
            byte[] frame = org.groundwork.viewer.core.testing.RleEncoder.frame(new byte[48], new byte[48]);
            if (k == 1) {
                frame[64] = 100;
            }
            Path file = dir.resolve("IM000" + (k + 1) + ".dcm");
            Files.write(file, SyntheticSeries.slice(org.groundwork.viewer.core.testing.DicomFileBuilder.RLE, "1.2.3.77", 8, 6, k, new double[] {0, 0, 2 * k},
                    SyntheticSeries.AXIAL, 1, 1).fragments(List.of(frame)).build());
            files.add(file);
        }
        ScanResult result = new VolumeScanner().scan(List.of(dir), LoadMonitor.NONE);
        assertTrue(result.volumes().isEmpty(), result.volumes().toString());
        assertEquals(java.util.Set.copyOf(files), result.failures().stream().map(ScanResult.Failure::file)
                .collect(java.util.stream.Collectors.toSet()), "every file of the series is named");
        assertEquals(3, result.failures().size(), "each once: " + result.failures());
        Path broken = files.get(1);
        for (ScanResult.Failure f : result.failures()) {
            assertTrue(f.file().equals(broken) ? f.reason().contains("RLE")
                    : f.reason().startsWith("not loaded: its series failed at " + broken + ": "), f.toString());
        }
    }

    @Test
    void runningOutOfMemoryWhileLoadingIsReportedForEveryFileAndTheNextLoadWorks(@TempDir Path dir) throws Exception {
        List<Path> files = SyntheticSeries.write(dir.resolve("a"), EXPLICIT_LE, "1.2.3.88", 8, 6, 3, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 2});
        // A reader standing in for a file that inflates beyond the heap.
        org.groundwork.viewer.core.dicom.DicomReader exhausting = file -> {
            throw new OutOfMemoryError("Java heap space");
        };
        ScanResult result = new VolumeScanner(exhausting).scan(List.of(dir.resolve("a")), LoadMonitor.NONE);
        assertTrue(result.volumes().isEmpty());
        assertEquals(java.util.Set.copyOf(files), result.failures().stream().map(ScanResult.Failure::file)
                .collect(java.util.stream.Collectors.toSet()));
        String mb = (Runtime.getRuntime().maxMemory() >> 20) + " MB";
        assertTrue(result.failures().get(0).reason().equals("not loaded: these DICOM files together are too large "
                + "for the memory Groundwork may use (" + mb + ")"), result.failures().get(0).reason());
        assertEquals(1, new VolumeScanner().scan(List.of(dir.resolve("a")), LoadMonitor.NONE).volumes().size());
    }
}
