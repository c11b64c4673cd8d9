package org.groundwork.viewer.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomSeriesWriterTest {
    @TempDir
    Path dir;

    static DicomSeriesWriter.Series series() {
        return new DicomSeriesWriter.Series("Phantom^Ada", "GW-0001", "19700101", "F", "ACC1", "Demo Hospital",
                "Doe^John", "20260115", "101500", "MR knee", DicomSeriesWriter.uid("study"), "Sag 3D DESS WE", 3,
                DicomSeriesWriter.uid("series"), DicomSeriesWriter.uid("frame"), "KNEE", "R");
    }

    @Test
    void aWrittenSeriesReadsBackWithItsVoxelsGeometryAndAttributes() throws Exception {
        int nx = 7, ny = 5, nz = 4;
        short[] voxels = new short[nx * ny * nz];
        for (int n = 0; n < voxels.length; n++) {
            voxels[n] = (short) (n * 37 - 300);
        }
        // A sagittal, slightly oblique grid with anisotropic voxels, slices along the row x column normal.
        Affine affine = Affine.of(0.05, 0, -0.7, 40, 0.365, 0, 0.02, -70.5, 0, -0.4, 0.01, 66.25, 0, 0, 0, 1);
        Volume original = new Volume(nx, ny, nz, new VoxelData.Int16(voxels), affine, 1, 0,
                new VolumeInfo("x", "synthetic", "", "MR", "", "", "", "", "", "", "", 450, 900, false), List.of());

        List<Path> files = DicomSeriesWriter.write(original, series(), dir.resolve("series"));
        assertEquals(nz, files.size());
        byte[] first = Files.readAllBytes(files.get(0));
        assertEquals("DICM", new String(first, 128, 4, java.nio.charset.StandardCharsets.US_ASCII));

        Volume read = new VolumeScanner().scan(List.of(dir.resolve("series")), LoadMonitor.NONE).volumes().get(0);
        assertEquals(List.of(nx, ny, nz), List.of(read.nx(), read.ny(), read.nz()));
        for (int n = 0; n < voxels.length; n++) {
            assertEquals(voxels[n], read.data().get(n), 1e-9, "voxel " + n);
        }
        assertTrue(read.voxelToLps().approximatelyEquals(affine, 1e-4), read.voxelToLps() + " vs " + affine);
        assertEquals("Phantom^Ada", read.info().patientName());
        assertEquals("GW-0001", read.info().patientId());
        assertEquals("20260115", read.info().studyDate());
        assertEquals("R", read.info().laterality());
        assertEquals("Sag 3D DESS WE", read.info().seriesDescription());
        assertEquals(DicomSeriesWriter.uid("series"), read.info().seriesInstanceUid());
        assertEquals(450, read.info().windowCenter(), 1e-9);
    }

    @Test
    void uidsAreValidStableAndDistinct() {
        String uid = DicomSeriesWriter.uid("a");
        assertTrue(uid.matches("2\\.25\\.[1-9][0-9]*") && uid.length() <= 64 - 5, uid);
        assertEquals(uid, DicomSeriesWriter.uid("a"));
        assertTrue(!uid.equals(DicomSeriesWriter.uid("b")));
    }
}
