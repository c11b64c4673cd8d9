package org.groundwork.viewer.core.render;

import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;

/**
 * How one viewing plane of a volume maps to screen pixels: a regular grid in patient space (LPS mm)
 * with square pixels of the volume's finest spacing, so anatomy is never stretched whatever the
 * voxel size. Screen x grows to the right, y downwards; slices step along {@code normal}.
 *
 * <p>Radiological convention (the default, as in PACS and 3D Slicer): axial seen from the feet and
 * coronal from the front, so the patient's right is on the screen's left; sagittal with anterior on
 * the left. Neurological convention mirrors axial and coronal.
 *
 * @param origin LPS position of pixel (0, 0) of slice 0
 * @param right unit LPS direction of increasing screen x
 * @param down unit LPS direction of increasing screen y
 * @param normal unit LPS direction of increasing slice index
 */
public record SliceGeometry(Plane plane, double[] origin, double[] right, double[] down, double[] normal,
                            double pixelMm, int width, int height, double sliceMm, int slices) {

    public static SliceGeometry of(Volume volume, Plane plane, boolean neurological) {
        double lr = neurological ? -1 : 1; // +x in LPS is the patient's left
        double[] right;
        double[] down;
        double[] normal;
        switch (plane) {
            case AXIAL -> {
                right = new double[] {lr, 0, 0};
                down = new double[] {0, 1, 0}; // posterior at the bottom
                normal = new double[] {0, 0, 1}; // slices step towards the head
            }
            case CORONAL -> {
                right = new double[] {lr, 0, 0};
                down = new double[] {0, 0, -1}; // superior at the top
                normal = new double[] {0, 1, 0}; // slices step towards the back
            }
            default -> {
                right = new double[] {0, 1, 0}; // anterior on the left
                down = new double[] {0, 0, -1};
                normal = new double[] {1, 0, 0}; // slices step towards the patient's left
            }
        }
        Affine a = volume.voxelToLps();
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        int[] n = {volume.nx(), volume.ny(), volume.nz()};
        for (int corner = 0; corner < 8; corner++) {
            double[] p = a.apply((corner & 1) * (n[0] - 1), (corner >> 1 & 1) * (n[1] - 1), (corner >> 2 & 1) * (n[2] - 1));
            double[] along = {dot(p, right), dot(p, down), dot(p, normal)};
            for (int d = 0; d < 3; d++) {
                min[d] = Math.min(min[d], along[d]);
                max[d] = Math.max(max[d], along[d]);
            }
        }
        double pixel = Math.min(a.spacing(0), Math.min(a.spacing(1), a.spacing(2)));
        double slice = spacingAlong(a, normal);
        int width = (int) Math.round((max[0] - min[0]) / pixel) + 1;
        int height = (int) Math.round((max[1] - min[1]) / pixel) + 1;
        int slices = (int) Math.round((max[2] - min[2]) / slice) + 1;
        double[] origin = new double[3];
        for (int d = 0; d < 3; d++) {
            origin[d] = right[d] * min[0] + down[d] * min[1] + normal[d] * min[2];
        }
        return new SliceGeometry(plane, origin, right, down, normal, pixel, width, height, slice, slices);
    }

    /** The spacing of the voxel axis most aligned with a direction: native slices where possible. */
    private static double spacingAlong(Affine a, double[] direction) {
        int best = 0;
        double bestCos = -1;
        for (int axis = 0; axis < 3; axis++) {
            double[] c = a.column(axis);
            double cos = Math.abs(dot(c, direction)) / a.spacing(axis);
            if (cos > bestCos) {
                bestCos = cos;
                best = axis;
            }
        }
        return a.spacing(best);
    }

    /** LPS position of screen pixel (x, y) in a slice. */
    public double[] pointAt(double x, double y, double slice) {
        double[] p = new double[3];
        for (int d = 0; d < 3; d++) {
            p[d] = origin[d] + right[d] * x * pixelMm + down[d] * y * pixelMm + normal[d] * slice * sliceMm;
        }
        return p;
    }

    /** {x, y, slice} of an LPS position, as fractional pixel and slice coordinates. */
    public double[] locate(double[] lps) {
        double[] rel = {lps[0] - origin[0], lps[1] - origin[1], lps[2] - origin[2]};
        return new double[] {dot(rel, right) / pixelMm, dot(rel, down) / pixelMm, dot(rel, normal) / sliceMm};
    }

    /** Position of a slice along the normal, in mm from the patient origin (what PACS show as "slice location"). */
    public double positionMm(int slice) {
        return dot(pointAt(0, 0, slice), normal);
    }

    /** Nearest slice index of an LPS position, clamped to the volume. */
    public int sliceOf(double[] lps) {
        return Math.max(0, Math.min(slices - 1, (int) Math.round(locate(lps)[2])));
    }

    /** Orientation letters for the left, right, top and bottom edges of the view. */
    public String[] edgeLetters() {
        return new String[] {letter(scale(right, -1)), letter(right), letter(scale(down, -1)), letter(down)};
    }

    private static String letter(double[] v) {
        int axis = Math.abs(v[0]) >= Math.abs(v[1]) && Math.abs(v[0]) >= Math.abs(v[2]) ? 0
                : Math.abs(v[1]) >= Math.abs(v[2]) ? 1 : 2;
        return String.valueOf((v[axis] >= 0 ? "LPS" : "RAI").charAt(axis));
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
