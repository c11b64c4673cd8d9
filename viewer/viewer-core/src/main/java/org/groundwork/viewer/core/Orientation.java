package org.groundwork.viewer.core;

/** Describes which way a volume's axes point in patient space, for people. */
public final class Orientation {
    private Orientation() {
    }

    /**
     * Three letters: the patient direction each voxel axis (i, j, k) increases towards, e.g. "LPS"
     * or "PSR"; lower-case when the axis is more than 30° off that direction.
     */
    public static String axisCodes(Affine voxelToLps) {
        StringBuilder s = new StringBuilder(3);
        for (int axis = 0; axis < 3; axis++) {
            s.append(letter(voxelToLps.column(axis)));
        }
        return s.toString();
    }

    /** The patient direction a vector points to most: L/R, P/A or S/I (LPS: +x = L, +y = P, +z = S). */
    static char letter(double[] v) {
        int best = 0;
        for (int i = 1; i < 3; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best])) {
                best = i;
            }
        }
        String positive = "LPS";
        String negative = "RAI";
        char c = v[best] >= 0 ? positive.charAt(best) : negative.charAt(best);
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        boolean oblique = norm > 0 && Math.abs(v[best]) / norm < Math.cos(Math.toRadians(30));
        return oblique ? Character.toLowerCase(c) : c;
    }

    /** "axial", "coronal", "sagittal" or "oblique": the plane of the slices (normal to axis k). */
    public static String slicePlane(Affine voxelToLps) {
        double[] i = voxelToLps.column(0);
        double[] j = voxelToLps.column(1);
        double[] n = {i[1] * j[2] - i[2] * j[1], i[2] * j[0] - i[0] * j[2], i[0] * j[1] - i[1] * j[0]};
        double norm = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        if (norm == 0) {
            return "oblique";
        }
        double threshold = Math.cos(Math.toRadians(20));
        if (Math.abs(n[2]) / norm > threshold) {
            return "axial";
        }
        if (Math.abs(n[1]) / norm > threshold) {
            return "coronal";
        }
        if (Math.abs(n[0]) / norm > threshold) {
            return "sagittal";
        }
        return "oblique";
    }
}
