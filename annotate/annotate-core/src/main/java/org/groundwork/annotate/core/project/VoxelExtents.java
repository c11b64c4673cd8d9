package org.groundwork.annotate.core.project;

/** Arithmetic on half-open voxel boxes [min, max), the one place boxes are compared. */
public final class VoxelExtents {
    private VoxelExtents() {
    }

    /** Intersection over union of two half-open voxel boxes (3D IoU); 0 when they do not overlap. */
    public static double iou(int[] aMin, int[] aMax, int[] bMin, int[] bMax) {
        long overlap = 1;
        long a = 1;
        long b = 1;
        for (int axis = 0; axis < 3; axis++) {
            overlap *= Math.max(0, Math.min(aMax[axis], bMax[axis]) - Math.max(aMin[axis], bMin[axis]));
            a *= aMax[axis] - aMin[axis];
            b *= bMax[axis] - bMin[axis];
        }
        return overlap == 0 ? 0 : (double) overlap / (a + b - overlap);
    }
}
