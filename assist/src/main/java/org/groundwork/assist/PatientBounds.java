package org.groundwork.assist;

import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;

/**
 * An axis-aligned box in patient space (LPS millimetres): how boxes travel between volumes whose
 * voxel grids differ (size, spacing, acquisition plane).
 */
public record PatientBounds(double[] min, double[] max) {
    public PatientBounds {
        min = min.clone();
        max = max.clone();
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    /** The LPS extent of the voxel box [min, max) of {@code volume}, voxel faces included. */
    public static PatientBounds of(Volume volume, int[] voxelMin, int[] voxelMax) {
        return around(volume.voxelToLps(), new double[] {voxelMin[0] - 0.5, voxelMin[1] - 0.5, voxelMin[2] - 0.5},
                new double[] {voxelMax[0] - 0.5, voxelMax[1] - 0.5, voxelMax[2] - 0.5});
    }

    /** The voxels of {@code volume} this patient box covers, clipped to the volume; null when none. */
    public RegionBox toVoxels(Volume volume, String regionId) {
        PatientBounds inVoxels = around(volume.voxelToLps().inverse(), min, max);
        int[] size = {volume.nx(), volume.ny(), volume.nz()};
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(0, (int) Math.floor(inVoxels.min[a] + 0.5 + 1e-9));
            hi[a] = Math.min(size[a], (int) Math.ceil(inVoxels.max[a] + 0.5 - 1e-9));
            if (hi[a] <= lo[a]) {
                return null;
            }
        }
        return new RegionBox(regionId, lo, hi);
    }

    /** The axis-aligned bounds of the eight corners of [a, b] after {@code transform}. */
    private static PatientBounds around(Affine transform, double[] a, double[] b) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            double[] p = transform.apply((corner & 1) == 0 ? a[0] : b[0], (corner & 2) == 0 ? a[1] : b[1],
                    (corner & 4) == 0 ? a[2] : b[2]);
            for (int axis = 0; axis < 3; axis++) {
                lo[axis] = Math.min(lo[axis], p[axis]);
                hi[axis] = Math.max(hi[axis], p[axis]);
            }
        }
        return new PatientBounds(lo, hi);
    }
}
