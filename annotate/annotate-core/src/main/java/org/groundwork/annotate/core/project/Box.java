package org.groundwork.annotate.core.project;

import java.util.Arrays;
import java.util.Objects;

/**
 * An axis-aligned box on a case's volume, half-open in voxel space: {@code min} inclusive,
 * {@code max} exclusive, indexed (i, j, k) = (column, row, slice). A 2D box spans one slice.
 *
 * @param id stable identifier (a UUID), kept across edits
 * @param regionId the protocol region it marks
 */
public record Box(String id, long caseId, String regionId, String label, int[] min, int[] max,
                  Provenance provenance) {
    public Box {
        Objects.requireNonNull(id);
        min = min.clone();
        max = max.clone();
        if (min.length != 3 || max.length != 3) {
            throw new IllegalArgumentException("a box has three axes");
        }
        for (int a = 0; a < 3; a++) {
            if (max[a] <= min[a]) {
                throw new IllegalArgumentException("box " + id + " is empty along axis " + a + ": "
                        + min[a] + ".." + max[a]);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && id.equals(b.id) && caseId == b.caseId && Objects.equals(regionId, b.regionId)
                && Objects.equals(label, b.label) && Arrays.equals(min, b.min) && Arrays.equals(max, b.max)
                && Objects.equals(provenance, b.provenance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, caseId, regionId, label, Arrays.hashCode(min), Arrays.hashCode(max), provenance);
    }
}
