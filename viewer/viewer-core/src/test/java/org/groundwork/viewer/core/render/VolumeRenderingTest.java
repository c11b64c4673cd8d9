package org.groundwork.viewer.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.junit.jupiter.api.Test;

/** A bright blob in the patient's left, anterior, superior corner must appear where a reader expects. */
class VolumeRenderingTest {
    static final int N = 40;
    // Axial volume, 1 mm voxels, centred on the origin: i → L, j → P, k → S.
    static final Affine AXIAL = Affine.of(1, 0, 0, -19.5, 0, 1, 0, -19.5, 0, 0, 1, -19.5, 0, 0, 0, 1);
    static final double[] BLOB = {12, -12, 12}; // left, anterior, superior

    static Volume phantom() {
        VoxelData.Int16 data = (VoxelData.Int16) VoxelData.allocate(VoxelType.INT16, N * N * N);
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    double[] p = AXIAL.apply(i, j, k);
                    double d2 = Math.pow(p[0] - BLOB[0], 2) + Math.pow(p[1] - BLOB[1], 2) + Math.pow(p[2] - BLOB[2], 2);
                    data.values()[i + N * (j + N * k)] = (short) (d2 < 9 ? 1000 : 10);
                }
            }
        }
        return new Volume(N, N, N, data, AXIAL, 1, 0, VolumeInfo.of("blob", "test", "test"), List.of());
    }

    /** Centroid of the pixels brighter than half the brightest one. */
    private static double[] brightest(int[] argb, int width) {
        int max = 0;
        for (int v : argb) {
            max = Math.max(max, (v >> 16 & 0xFF) + (v >> 8 & 0xFF) + (v & 0xFF));
        }
        double sx = 0, sy = 0, n = 0;
        for (int p = 0; p < argb.length; p++) {
            int v = argb[p];
            if ((v >> 16 & 0xFF) + (v >> 8 & 0xFF) + (v & 0xFF) > max / 2) {
                sx += p % width + 0.5;
                sy += p / width + 0.5;
                n++;
            }
        }
        return new double[] {sx / n, sy / n};
    }

    @Test
    void frontMipShowsTheLeftSuperiorBlobAtTheTopRight() {
        VolumeRenderer renderer = new VolumeRenderer(phantom());
        int[] argb = new int[100 * 100];
        renderer.render(Camera.FRONT, VolumeRenderer.Mode.MIP, new WindowLevel(500, 1000), null, 100, 100, argb);
        double[] spot = brightest(argb, 100);
        assertTrue(spot[0] > 60 && spot[1] < 40, "blob at " + spot[0] + "," + spot[1]);
        double[] projected = renderer.project(Camera.FRONT, 100, 100, BLOB);
        assertEquals(projected[0], spot[0], 1);
        assertEquals(projected[1], spot[1], 1);
        assertEquals(0xFF000000, argb[0], "outside the volume is black");
    }

    @Test
    void turningToLookFromThePatientsRightPutsAnteriorOnTheRight() {
        VolumeRenderer renderer = new VolumeRenderer(phantom());
        int[] argb = new int[100 * 100];
        Camera fromRight = Camera.FRONT.rotatedBy(90, 0);
        renderer.render(fromRight, VolumeRenderer.Mode.MIP, new WindowLevel(500, 1000), null, 100, 100, argb);
        double[] spot = brightest(argb, 100);
        // Standing at the patient's right side and facing them, their front is to the viewer's right.
        assertTrue(spot[0] > 60 && spot[1] < 40, "seen from the right, anterior is on the right: " + spot[0] + "," + spot[1]);
    }

    @Test
    void directVolumeRenderingColoursDenseTissueAndLeavesAirBlack() {
        VolumeRenderer renderer = new VolumeRenderer(phantom());
        int[] argb = new int[80 * 80];
        renderer.render(Camera.FRONT, VolumeRenderer.Mode.DVR, null, TransferFunction.CT_BONE, 80, 80, argb);
        double[] spot = brightest(argb, 80);
        double[] p = renderer.project(Camera.FRONT, 80, 80, BLOB);
        int blob = argb[(int) p[1] * 80 + (int) p[0]];
        assertTrue((blob >> 16 & 0xFF) > 100, "the dense blob is drawn: " + Integer.toHexString(blob));
        assertEquals(0xFF000000, argb[40 * 80 + 5], "tissue below the ramp is transparent");
        assertTrue(Math.abs(spot[0] - p[0]) < 4 && Math.abs(spot[1] - p[1]) < 4);
    }

    @Test
    void zoomMagnifiesAroundTheCentre() {
        VolumeRenderer renderer = new VolumeRenderer(phantom());
        double[] near = renderer.project(Camera.FRONT.zoomedBy(2), 100, 100, BLOB);
        double[] far = renderer.project(Camera.FRONT, 100, 100, BLOB);
        assertEquals((far[0] - 50) * 2, near[0] - 50, 1e-9);
    }
}
