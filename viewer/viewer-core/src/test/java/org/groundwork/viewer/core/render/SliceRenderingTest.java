package org.groundwork.viewer.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.junit.jupiter.api.Test;

/**
 * Known volume, known pixels. The phantom is acquired sagittally, as knee MRI is (i → posterior,
 * j → inferior, k → the patient's right, slices 2 mm apart), and its value says which half of the
 * patient a voxel is in, one bit each: +128 left, +64 anterior, +32 superior. Each view must show those halves on
 * the sides radiologists expect, with square pixels in millimetres.
 */
class SliceRenderingTest {
    static final int NX = 20, NY = 30, NZ = 10;
    static final double[] CENTRE = {0, 0, 0};
    static final int LEFT = 128, ANTERIOR = 64, SUPERIOR = 32;
    // i: +y (P) at 1 mm, j: -z (I) at 1 mm, k: -x (R) at 2 mm; the volume is centred on the origin.
    static final Affine SAGITTAL = Affine.of(
            0, 0, -2, 9,
            1, 0, 0, -9.5,
            0, -1, 0, 14.5,
            0, 0, 0, 1);

    static Volume phantom() {
        VoxelData.Int16 data = (VoxelData.Int16) VoxelData.allocate(VoxelType.INT16, NX * NY * NZ);
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    double[] p = SAGITTAL.apply(i, j, k);
                    int v = (p[0] > CENTRE[0] ? LEFT : 0) + (p[1] < CENTRE[1] ? ANTERIOR : 0) + (p[2] > CENTRE[2] ? SUPERIOR : 0);
                    data.values()[i + NX * (j + NY * k)] = (short) v;
                }
            }
        }
        return new Volume(NX, NY, NZ, data, SAGITTAL, 1, 0, VolumeInfo.of("phantom", "test", "test"), List.of());
    }

    /** Window 0..255 so that grey = value. */
    static final WindowLevel IDENTITY = new WindowLevel(127.5, 255);

    private static int[] render(Volume v, SliceGeometry g, int slice) {
        int[] argb = new int[g.width() * g.height()];
        new SliceRenderer(v).render(g, slice, IDENTITY, SliceRenderer.Interpolation.NEAREST, false, argb);
        return argb;
    }

    private static int grey(int[] argb, SliceGeometry g, int x, int y) {
        return argb[y * g.width() + x] & 0xFF;
    }

    @Test
    void axialRadiologicalShowsThePatientsLeftOnTheRightAndAnteriorAtTheTop() {
        Volume v = phantom();
        SliceGeometry g = SliceGeometry.of(v, Plane.AXIAL, false);
        int[] px = render(v, g, g.slices() - 1); // a superior slice
        int left = grey(px, g, 1, g.height() / 2), right = grey(px, g, g.width() - 2, g.height() / 2);
        assertEquals(0, left & LEFT, "screen left is the patient's right");
        assertEquals(LEFT, right & LEFT, "screen right is the patient's left");
        assertEquals(ANTERIOR, grey(px, g, g.width() / 2, 1) & ANTERIOR, "top is anterior");
        assertEquals(0, grey(px, g, g.width() / 2, g.height() - 2) & ANTERIOR, "bottom is posterior");
        assertEquals(SUPERIOR, grey(px, g, 1, 1) & SUPERIOR, "the top slice is superior");
        assertArrayEquals(new String[] {"R", "L", "A", "P"}, g.edgeLetters());
    }

    @Test
    void neurologicalConventionMirrorsAxialAndCoronal() {
        Volume v = phantom();
        SliceGeometry g = SliceGeometry.of(v, Plane.AXIAL, true);
        int[] px = render(v, g, 0);
        assertEquals(LEFT, grey(px, g, 1, g.height() / 2) & LEFT, "screen left is the patient's left");
        assertArrayEquals(new String[] {"L", "R", "A", "P"}, g.edgeLetters());
        assertArrayEquals(new String[] {"L", "R", "S", "I"}, SliceGeometry.of(v, Plane.CORONAL, true).edgeLetters());
    }

    @Test
    void coronalShowsSuperiorAtTheTopAndTheRightOnTheLeft() {
        Volume v = phantom();
        SliceGeometry g = SliceGeometry.of(v, Plane.CORONAL, false);
        int[] px = render(v, g, 0); // the most anterior slice
        assertEquals(0, grey(px, g, 1, g.height() / 2) & LEFT);
        assertEquals(LEFT, grey(px, g, g.width() - 2, g.height() / 2) & LEFT);
        assertEquals(SUPERIOR, grey(px, g, g.width() / 2, 1) & SUPERIOR, "top is superior");
        assertEquals(0, grey(px, g, g.width() / 2, g.height() - 2) & SUPERIOR, "bottom is inferior");
        assertEquals(ANTERIOR, grey(px, g, 1, 1) & ANTERIOR, "slice 0 is anterior");
        assertArrayEquals(new String[] {"R", "L", "S", "I"}, g.edgeLetters());
    }

    @Test
    void sagittalShowsAnteriorOnTheLeftAndSuperiorAtTheTop() {
        Volume v = phantom();
        SliceGeometry g = SliceGeometry.of(v, Plane.SAGITTAL, false);
        int[] px = render(v, g, 0); // the patient's rightmost slice
        assertEquals(ANTERIOR, grey(px, g, 1, g.height() / 2) & ANTERIOR, "screen left is anterior");
        assertEquals(0, grey(px, g, g.width() - 2, g.height() / 2) & ANTERIOR, "screen right is posterior");
        assertEquals(SUPERIOR, grey(px, g, g.width() / 2, 1) & SUPERIOR, "top is superior");
        assertEquals(0, grey(px, g, 1, 1) & LEFT, "slice 0 is on the patient's right");
        assertArrayEquals(new String[] {"A", "P", "S", "I"}, g.edgeLetters());
    }

    @Test
    void pixelsAreSquareInMillimetresWhateverTheVoxelSpacing() {
        Volume v = phantom();
        SliceGeometry axial = SliceGeometry.of(v, Plane.AXIAL, false);
        assertEquals(1.0, axial.pixelMm());
        assertEquals(19, axial.width(), "10 slices 2 mm apart span 18 mm: 19 one-millimetre pixels");
        assertEquals(20, axial.height());
        assertEquals(30, axial.slices());
        SliceGeometry sagittal = SliceGeometry.of(v, Plane.SAGITTAL, false);
        assertEquals(10, sagittal.slices());
        assertEquals(2.0, sagittal.sliceMm(), "native slices along the acquisition direction");
    }

    @Test
    void locatingAPointGivesBackItsPixelAndSlice() {
        SliceGeometry g = SliceGeometry.of(phantom(), Plane.CORONAL, false);
        double[] p = g.pointAt(7, 11, 5);
        double[] back = g.locate(p);
        assertEquals(7, back[0], 1e-9);
        assertEquals(11, back[1], 1e-9);
        assertEquals(5, back[2], 1e-9);
        assertEquals(5, g.sliceOf(p));
    }

    @Test
    void windowMathAndInversion() {
        WindowLevel w = new WindowLevel(100, 200);
        assertEquals(0, w.grey(0));
        assertEquals(128, w.grey(100));
        assertEquals(255, w.grey(200));
        assertEquals(255, w.grey(5000));
        Volume v = phantom();
        SliceGeometry g = SliceGeometry.of(v, Plane.AXIAL, false);
        int[] normal = render(v, g, 3);
        int[] inverted = new int[normal.length];
        new SliceRenderer(v).render(g, 3, IDENTITY, SliceRenderer.Interpolation.NEAREST, true, inverted);
        for (int p = 0; p < normal.length; p++) {
            assertEquals(255 - (normal[p] & 0xFF), inverted[p] & 0xFF);
        }
    }

    @Test
    void linearInterpolationBlendsNeighbours() {
        VoxelData.Int16 data = (VoxelData.Int16) VoxelData.allocate(VoxelType.INT16, 2 * 2 * 2);
        data.values()[1] = 200; // voxel (1, 0, 0)
        data.values()[3] = 200; // voxel (1, 1, 0)
        data.values()[5] = 200;
        data.values()[7] = 200;
        // 2 mm in-plane, 1 mm slices: pixels are 1 mm, so pixel x = 1 lies half way between two voxels.
        Volume v = new Volume(2, 2, 2, data, Affine.of(2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1), 1, 0,
                VolumeInfo.of("t", "t", "t"), List.of());
        SliceGeometry g = SliceGeometry.of(v, Plane.AXIAL, false);
        assertEquals(3, g.width());
        int[] argb = new int[g.width() * g.height()];
        new SliceRenderer(v).render(g, 0, IDENTITY, SliceRenderer.Interpolation.LINEAR, false, argb);
        assertTrue(Math.abs((argb[1] & 0xFF) - 100) <= 1, "half way between 0 and 200: " + (argb[1] & 0xFF));
    }

    @Test
    void initialWindowComesFromTheFileOrTheHistogram() {
        Volume v = phantom();
        WindowLevel auto = WindowLevel.initial(v);
        assertTrue(auto.lower() <= 0 && auto.center() + auto.width() / 2 >= LEFT + ANTERIOR + SUPERIOR, auto.toString());
        Volume withWindow = new Volume(v.nx(), v.ny(), v.nz(), v.data(), v.voxelToLps(), 1, 0,
                new VolumeInfo("s", "DICOM", "e", "MR", "", "", "", "", "", "", "", 300, 600, false), List.of());
        assertEquals(new WindowLevel(300, 600), WindowLevel.initial(withWindow));
    }
}
