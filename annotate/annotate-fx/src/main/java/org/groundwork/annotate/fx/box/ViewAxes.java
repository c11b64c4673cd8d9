package org.groundwork.annotate.fx.box;

import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.render.SliceGeometry;

/**
 * Which voxel axis runs along a view's screen x, screen y and slice normal, and in which direction.
 * Boxes are edited along voxel axes; an oblique volume maps each screen direction to its closest axis.
 *
 * @param xSign +1 when the voxel index grows towards the screen's right
 * @param ySign +1 when the voxel index grows towards the screen's bottom
 */
record ViewAxes(int x, int xSign, int y, int ySign, int normal) {
    static ViewAxes of(SliceGeometry g, Affine voxelToLps) {
        int x = closest(voxelToLps, g.right(), -1);
        int y = closest(voxelToLps, g.down(), x);
        int normal = 3 - x - y;
        return new ViewAxes(x, sign(voxelToLps, g.right(), x), y, sign(voxelToLps, g.down(), y), normal);
    }

    private static int closest(Affine a, double[] direction, int excluded) {
        int best = -1;
        double bestCos = -1;
        for (int axis = 0; axis < 3; axis++) {
            double cos = Math.abs(dot(a.column(axis), direction)) / a.spacing(axis);
            if (axis != excluded && cos > bestCos) {
                bestCos = cos;
                best = axis;
            }
        }
        return best;
    }

    private static int sign(Affine a, double[] direction, int axis) {
        return dot(a.column(axis), direction) >= 0 ? 1 : -1;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
