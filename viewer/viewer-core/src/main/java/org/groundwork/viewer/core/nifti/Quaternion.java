package org.groundwork.viewer.core.nifti;

import org.groundwork.viewer.core.Affine;

/**
 * The NIfTI qform quaternion (b, c, d) and qfac of an affine's rotation, following the reference
 * nifti1_io conversion. {@code valid} is false when the affine has shear, which a qform cannot hold.
 */
record Quaternion(double b, double c, double d, double qfac, boolean valid) {
    static Quaternion of(Affine affine, double[] spacing) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = affine.get(i, j) / spacing[j];
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
                - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = det < 0 ? -1 : 1;
        if (det < 0) {
            for (int i = 0; i < 3; i++) {
                r[i][2] = -r[i][2];
            }
        }
        boolean orthonormal = true;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = r[0][i] * r[0][j] + r[1][i] * r[1][j] + r[2][i] * r[2][j];
                orthonormal &= Math.abs(dot - (i == j ? 1 : 0)) < 1e-4;
            }
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1;
        double b, c, d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
            double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
            double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new Quaternion(b, c, d, qfac, orthonormal);
    }
}
