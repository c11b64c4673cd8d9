package org.groundwork.viewer.core.dicom.internal;

/** Small 3-vector helpers for slice geometry. */
final class Vectors {
    private Vectors() {
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    static double[] subtract(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] normalize(double[] a) {
        double n = norm(a);
        return n == 0 ? a.clone() : scale(a, 1 / n);
    }

    /** Two finite, non-zero, roughly perpendicular direction vectors. */
    static boolean isUsableOrientation(double[] iop) {
        for (double v : iop) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        double[] r = {iop[0], iop[1], iop[2]};
        double[] c = {iop[3], iop[4], iop[5]};
        double nr = norm(r);
        double nc = norm(c);
        return nr > 1e-6 && nc > 1e-6 && Math.abs(dot(r, c)) / (nr * nc) < 0.01;
    }
}
