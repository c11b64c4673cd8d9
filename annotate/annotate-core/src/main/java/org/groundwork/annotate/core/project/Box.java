package org.groundwork.annotate.core.project;

import java.util.Arrays;
import java.util.Objects;
import org.groundwork.viewer.core.Affine;

/**
 * An axis-aligned box on a case's volume, half-open in voxel space: {@code min} inclusive,
 * {@code max} exclusive, indexed (i, j, k) = (column, row, slice).
 *
 * @param id stable identifier (a UUID), kept across edits
 * @param regionId the protocol region it marks
 * @param shape a 3D box, or a 2D box drawn on one slice (one voxel thick along that view's normal)
 * @param patientCorners where the box is in patient space: the LPS millimetres of its outer corner
 *        at {@code min} (voxel faces, not centres) then of the opposite corner at {@code max}; six
 *        numbers, or null when the volume's geometry was not known
 */
public record Box(String id, long caseId, String regionId, String label, int[] min, int[] max, Shape shape,
                  double[] patientCorners, Provenance provenance) {
    /** Whether a box was drawn as a volume or on a single slice. */
    public enum Shape { VOLUME, SLICE }

    public Box {
        Objects.requireNonNull(id);
        Objects.requireNonNull(shape);
        min = min.clone();
        max = max.clone();
        patientCorners = patientCorners == null ? null : patientCorners.clone();
        if (min.length != 3 || max.length != 3) {
            throw new IllegalArgumentException("a box has three axes");
        }
        if (patientCorners != null && patientCorners.length != 6) {
            throw new IllegalArgumentException("a box has two patient corners of three coordinates");
        }
        for (int a = 0; a < 3; a++) {
            if (max[a] <= min[a]) {
                throw new IllegalArgumentException("box " + id + " is empty along axis " + a + ": "
                        + min[a] + ".." + max[a]);
            }
        }
    }

    /** A 3D box whose patient position is not recorded. */
    public Box(String id, long caseId, String regionId, String label, int[] min, int[] max, Provenance provenance) {
        this(id, caseId, regionId, label, min, max, Shape.VOLUME, null, provenance);
    }

    /** The LPS millimetres of the outer corners of the voxel box [min, max) under {@code voxelToLps}. */
    public static double[] patientCorners(Affine voxelToLps, int[] min, int[] max) {
        double[] a = voxelToLps.apply(min[0] - 0.5, min[1] - 0.5, min[2] - 0.5);
        double[] b = voxelToLps.apply(max[0] - 0.5, max[1] - 0.5, max[2] - 0.5);
        return new double[] {a[0], a[1], a[2], b[0], b[1], b[2]};
    }

    /** The same box with a new extent, its patient corners recomputed from {@code voxelToLps}. */
    public Box withExtent(int[] newMin, int[] newMax, Affine voxelToLps) {
        return new Box(id, caseId, regionId, label, newMin, newMax, shape,
                voxelToLps == null ? null : patientCorners(voxelToLps, newMin, newMax), provenance);
    }

    public Box withProvenance(Provenance newProvenance) {
        return new Box(id, caseId, regionId, label, min, max, shape, patientCorners, newProvenance);
    }

    public Box withId(String newId) {
        return new Box(newId, caseId, regionId, label, min, max, shape, patientCorners, provenance);
    }

    /** Number of voxels along each axis. */
    public int[] size() {
        return new int[] {max[0] - min[0], max[1] - min[1], max[2] - min[2]};
    }

    @Override
    public int[] min() {
        return min.clone();
    }

    @Override
    public int[] max() {
        return max.clone();
    }

    @Override
    public double[] patientCorners() {
        return patientCorners == null ? null : patientCorners.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && id.equals(b.id) && caseId == b.caseId && Objects.equals(regionId, b.regionId)
                && Objects.equals(label, b.label) && Arrays.equals(min, b.min) && Arrays.equals(max, b.max)
                && shape == b.shape && Arrays.equals(patientCorners, b.patientCorners)
                && Objects.equals(provenance, b.provenance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, caseId, regionId, label, Arrays.hashCode(min), Arrays.hashCode(max), shape,
                Arrays.hashCode(patientCorners), provenance);
    }

    @Override
    public String toString() {
        return "Box[" + id + " " + regionId + " " + Arrays.toString(min) + ".." + Arrays.toString(max) + " " + shape + "]";
    }
}
