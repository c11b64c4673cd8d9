package org.groundwork.viewer.core;

import java.util.Arrays;

/** An immutable 4x4 affine transform, row-major, acting on column vectors (x' = M x). */
public final class Affine {
    private final double[] m;

    private Affine(double[] m) {
        this.m = m;
    }

    /** From 16 row-major values; the last row must be 0 0 0 1. */
    public static Affine of(double... rowMajor) {
        if (rowMajor.length != 16) {
            throw new IllegalArgumentException("an affine needs 16 values, got " + rowMajor.length);
        }
        return new Affine(rowMajor.clone());
    }

    public static Affine identity() {
        return of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
    }

    /** Columns are the images of the i, j, k unit steps; {@code origin} is where voxel (0,0,0) lies. */
    public static Affine fromColumns(double[] iStep, double[] jStep, double[] kStep, double[] origin) {
        return of(iStep[0], jStep[0], kStep[0], origin[0],
                iStep[1], jStep[1], kStep[1], origin[1],
                iStep[2], jStep[2], kStep[2], origin[2],
                0, 0, 0, 1);
    }

    public double get(int row, int column) {
        return m[row * 4 + column];
    }

    /** Column {@code c} (0..3) of the upper 3x4 part: a step vector, or the origin for c = 3. */
    public double[] column(int c) {
        return new double[] {m[c], m[4 + c], m[8 + c]};
    }

    /** Length of column {@code c}: the voxel spacing along axis c in millimetres. */
    public double spacing(int c) {
        double[] v = column(c);
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    public double[] apply(double x, double y, double z) {
        return new double[] {
            m[0] * x + m[1] * y + m[2] * z + m[3],
            m[4] * x + m[5] * y + m[6] * z + m[7],
            m[8] * x + m[9] * y + m[10] * z + m[11]};
    }

    public Affine multiply(Affine other) {
        double[] r = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += m[i * 4 + k] * other.m[k * 4 + j];
                }
                r[i * 4 + j] = s;
            }
        }
        return new Affine(r);
    }

    /** Flips the sign of the x and y rows: LPS to RAS and back (the same operation both ways). */
    public Affine flipXY() {
        double[] r = m.clone();
        for (int c = 0; c < 4; c++) {
            r[c] = -r[c];
            r[4 + c] = -r[4 + c];
        }
        return new Affine(r);
    }

    public Affine inverse() {
        double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], i = m[10];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        if (Math.abs(det) < 1e-12) {
            throw new IllegalStateException("affine is singular");
        }
        double[] inv = {
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det, 0,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det, 0,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det, 0,
            0, 0, 0, 1};
        for (int r = 0; r < 3; r++) {
            inv[r * 4 + 3] = -(inv[r * 4] * m[3] + inv[r * 4 + 1] * m[7] + inv[r * 4 + 2] * m[11]);
        }
        return new Affine(inv);
    }

    /** Row-major copy of all 16 values. */
    public double[] toArray() {
        return m.clone();
    }

    public boolean approximatelyEquals(Affine other, double tolerance) {
        for (int i = 0; i < 16; i++) {
            if (Math.abs(m[i] - other.m[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(m, a.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < 4; r++) {
            s.append(r == 0 ? "[" : " ");
            for (int c = 0; c < 4; c++) {
                s.append(String.format(java.util.Locale.ROOT, "%10.4f", m[r * 4 + c]));
            }
            s.append(r == 3 ? "]" : "\n");
        }
        return s.toString();
    }
}
