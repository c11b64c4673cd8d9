package org.groundwork.viewer.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Linear sampling in fixed point, by tables for planes along the voxel grid and per pixel for
 * oblique ones, against trilinear interpolation in double precision on random voxels; and a
 * change of window that re-maps the kept samples gives the same pixels as rendering afresh.
 */
class LinearSamplingTest {
    private static final WindowLevel IDENTITY = new WindowLevel(127.5, 255);
    // 0.8 x 0.8 x 2 mm axial, and the same turned 20 degrees about the z axis (oblique to every view).
    private static final Affine AXIAL = Affine.of(0.8, 0, 0, -10, 0, 0.8, 0, -8, 0, 0, 2, -11, 0, 0, 0, 1);
    private static final Affine TURNED = Affine.of(0.8 * Math.cos(0.35), -0.8 * Math.sin(0.35), 0, -10,
            0.8 * Math.sin(0.35), 0.8 * Math.cos(0.35), 0, -8, 0, 0, 2, -11, 0, 0, 0, 1);

    private static Volume randomVolume(Affine affine, boolean signed) {
        int nx = 23, ny = 19, nz = 11;
        VoxelData data = VoxelData.allocate(signed ? VoxelType.INT16 : VoxelType.UINT16, nx * ny * nz);
        short[] values = signed ? ((VoxelData.Int16) data).values() : ((VoxelData.UInt16) data).values();
        Random random = new Random(7);
        for (int n = 0; n < values.length; n++) {
            values[n] = (short) random.nextInt(256);
        }
        return new Volume(nx, ny, nz, data, affine, 1, 0, VolumeInfo.of("random", "test", "test"), List.of());
    }

    /** Trilinear in doubles; -1 outside the voxel centres' box, and NaN within a hair of its edge. */
    private static double reference(Volume v, double[] lps) {
        double[] f = v.voxelToLps().inverse().apply(lps[0], lps[1], lps[2]);
        int[] n = {v.nx(), v.ny(), v.nz()};
        for (int a = 0; a < 3; a++) {
            if (Math.abs(f[a]) < 1e-3 || Math.abs(f[a] - (n[a] - 1)) < 1e-3) {
                return Double.NaN; // fixed point may put it either side of the edge
            }
            if (f[a] < 0 || f[a] > n[a] - 1) {
                return -1;
            }
        }
        int i0 = Math.min((int) f[0], n[0] - 2), j0 = Math.min((int) f[1], n[1] - 2), k0 = Math.min((int) f[2], n[2] - 2);
        double ti = f[0] - i0, tj = f[1] - j0, tk = f[2] - k0;
        double value = 0;
        for (int corner = 0; corner < 8; corner++) {
            int di = corner & 1, dj = corner >> 1 & 1, dk = corner >> 2 & 1;
            double weight = (di == 1 ? ti : 1 - ti) * (dj == 1 ? tj : 1 - tj) * (dk == 1 ? tk : 1 - tk);
            value += weight * v.data().get((i0 + di) + n[0] * ((j0 + dj) + n[1] * (k0 + dk)));
        }
        return value;
    }

    @ParameterizedTest
    @ValueSource(strings = {"along the grid, int16", "along the grid, uint16", "oblique, int16"})
    void everyPlaneMatchesTrilinearInterpolation(String volumeKind) {
        Volume v = randomVolume(volumeKind.startsWith("oblique") ? TURNED : AXIAL, volumeKind.endsWith("int16")
                && !volumeKind.endsWith("uint16"));
        SliceRenderer renderer = new SliceRenderer(v);
        int compared = 0;
        for (Plane plane : Plane.values()) {
            for (boolean neurological : new boolean[] {false, true}) {
                SliceGeometry g = SliceGeometry.of(v, plane, neurological);
                for (int slice = 0; slice < g.slices(); slice += 3) {
                    int[] argb = new int[g.width() * g.height()];
                    renderer.render(g, slice, IDENTITY, SliceRenderer.Interpolation.LINEAR, false, argb);
                    for (int y = 0; y < g.height(); y++) {
                        for (int x = 0; x < g.width(); x++) {
                            double expected = reference(v, g.pointAt(x, y, slice));
                            if (Double.isNaN(expected)) {
                                continue;
                            }
                            int pixel = argb[y * g.width() + x];
                            String where = plane + (neurological ? " neurological" : "") + " slice " + slice
                                    + " pixel " + x + "," + y;
                            if (expected < 0) {
                                assertEquals(0xFF000000, pixel, where + " lies outside the volume");
                            } else {
                                assertTrue(Math.abs((pixel & 0xFF) - expected) <= 2,
                                        where + ": " + (pixel & 0xFF) + " against " + expected);
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(compared > 5000, "pixels compared: " + compared);
    }

    @Test
    void aWindowChangeRemapsTheKeptSamplesAsAFreshRenderWould() {
        Volume v = randomVolume(AXIAL, true);
        SliceRenderer renderer = new SliceRenderer(v);
        SliceGeometry g = SliceGeometry.of(v, Plane.CORONAL, false);
        SampledSlice kept = new SampledSlice();
        int[] reused = new int[g.width() * g.height()];
        renderer.render(g, 5, IDENTITY, SliceRenderer.Interpolation.LINEAR, false, reused, kept);
        WindowLevel narrow = new WindowLevel(100, 40);
        renderer.render(g, 5, narrow, SliceRenderer.Interpolation.LINEAR, true, reused, kept);
        int[] fresh = new int[reused.length];
        new SliceRenderer(v).render(g, 5, narrow, SliceRenderer.Interpolation.LINEAR, true, fresh);
        assertArrayEquals(fresh, reused);
        // Another slice, or another interpolation, is sampled anew.
        renderer.render(g, 6, narrow, SliceRenderer.Interpolation.LINEAR, true, reused, kept);
        new SliceRenderer(v).render(g, 6, narrow, SliceRenderer.Interpolation.LINEAR, true, fresh);
        assertArrayEquals(fresh, reused, "slice 6 after slice 5");
        renderer.render(g, 6, narrow, SliceRenderer.Interpolation.NEAREST, true, reused, kept);
        new SliceRenderer(v).render(g, 6, narrow, SliceRenderer.Interpolation.NEAREST, true, fresh);
        assertArrayEquals(fresh, reused, "nearest after linear");
    }

    @Test
    void changedVoxelsAreSampledAgainAfterInvalidate() {
        Volume v = randomVolume(AXIAL, true);
        SliceRenderer renderer = new SliceRenderer(v);
        SliceGeometry g = SliceGeometry.of(v, Plane.AXIAL, false);
        SampledSlice kept = new SampledSlice();
        int[] argb = new int[g.width() * g.height()];
        renderer.render(g, 4, IDENTITY, SliceRenderer.Interpolation.NEAREST, false, argb, kept);
        java.util.Arrays.fill(((VoxelData.Int16) v.data()).values(), (short) 200);
        renderer.render(g, 4, IDENTITY, SliceRenderer.Interpolation.NEAREST, false, argb, kept);
        assertTrue((argb[argb.length / 2] & 0xFF) != 200 || argb[argb.length / 2] == 0xFF000000,
                "kept samples are reused while nothing says the voxels changed");
        kept.invalidate();
        renderer.render(g, 4, IDENTITY, SliceRenderer.Interpolation.NEAREST, false, argb, kept);
        assertEquals(200, argb[argb.length / 2] & 0xFF);
    }
}
