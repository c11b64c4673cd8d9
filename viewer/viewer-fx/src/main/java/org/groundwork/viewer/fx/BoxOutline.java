package org.groundwork.viewer.fx;

import javafx.scene.paint.Color;

/**
 * A box to outline in the views, in patient coordinates: its eight corners (any order that keeps
 * bit 0 = i, bit 1 = j, bit 2 = k of the voxel box), a colour and a label.
 */
public record BoxOutline(double[][] corners, Color colour, String label) {
    public BoxOutline {
        if (corners.length != 8) {
            throw new IllegalArgumentException("a box has eight corners");
        }
    }

    /** The twelve edges as pairs of corner indices. */
    static final int[][] EDGES = {
        {0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3}, {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

    /** The outline of the voxel box [min, max) (half-open indices) of a volume with this affine. */
    public static BoxOutline ofVoxels(org.groundwork.viewer.core.Affine voxelToLps, int[] min, int[] max, Color colour,
                                      String label) {
        double[][] corners = new double[8][];
        for (int c = 0; c < 8; c++) {
            // Voxel boxes cover whole voxels: from the lower face of min to the upper face of max - 1.
            corners[c] = voxelToLps.apply((c & 1) == 0 ? min[0] - 0.5 : max[0] - 0.5,
                    (c & 2) == 0 ? min[1] - 0.5 : max[1] - 0.5, (c & 4) == 0 ? min[2] - 0.5 : max[2] - 0.5);
        }
        return new BoxOutline(corners, colour, label);
    }
}
