package org.groundwork.assist;

import java.util.Arrays;
import java.util.Objects;
import org.groundwork.annotate.core.project.VoxelExtents;

/** A half-open voxel box [min, max) of one protocol region, indexed (i, j, k). */
public record RegionBox(String regionId, int[] min, int[] max) {
    public RegionBox {
        Objects.requireNonNull(regionId);
        min = min.clone();
        max = max.clone();
        for (int a = 0; a < 3; a++) {
            if (max[a] <= min[a]) {
                throw new IllegalArgumentException(regionId + " box is empty along axis " + a);
            }
        }
    }

    @Override
    public int[] min() {
        return min.clone();
    }

    @Override
    public int[] max() {
        return max.clone();
    }

    /** Intersection over union of two voxel boxes (3D IoU); 0 when they do not overlap. */
    public double iou(RegionBox other) {
        return VoxelExtents.iou(min, max, other.min, other.max);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionBox b && regionId.equals(b.regionId) && Arrays.equals(min, b.min)
                && Arrays.equals(max, b.max);
    }

    @Override
    public int hashCode() {
        return regionId.hashCode() * 31 + Arrays.hashCode(min) * 17 + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return regionId + " " + Arrays.toString(min) + ".." + Arrays.toString(max);
    }
}
