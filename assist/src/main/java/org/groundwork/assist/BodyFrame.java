package org.groundwork.assist;

import org.groundwork.viewer.core.Volume;

/**
 * A scan seen relative to its body part: the foreground's box in patient space, with a left-sided
 * scan (by its DICOM laterality) mirrored left-right so that right and left knees line up. Boxes are
 * six fractions of that frame (min x, y, z then max x, y, z); models learn and answer in them.
 */
public final class BodyFrame {
    private final Volume volume;
    private final PatientBounds foreground;
    private final boolean mirrored;

    private BodyFrame(Volume volume, PatientBounds foreground, boolean mirrored) {
        this.volume = volume;
        this.foreground = foreground;
        this.mirrored = mirrored;
    }

    public static BodyFrame of(Volume volume) {
        RegionBox f = Foreground.of(volume);
        return new BodyFrame(volume, PatientBounds.of(volume, f.min(), f.max()), "L".equals(volume.info().laterality()));
    }

    /** A voxel box as fractions of the frame, on the canonical (right) side. */
    public double[] relative(RegionBox box) {
        PatientBounds b = PatientBounds.of(volume, box.min(), box.max());
        double[] r = new double[6];
        for (int a = 0; a < 3; a++) {
            double origin = foreground.min()[a];
            double size = Math.max(1e-6, foreground.max()[a] - origin);
            r[a] = (b.min()[a] - origin) / size;
            r[a + 3] = (b.max()[a] - origin) / size;
        }
        return canonical(r);
    }

    /** The voxel box of this scan that fractions of the frame describe; null when it falls outside the volume. */
    public RegionBox absolute(double[] relative, String regionId) {
        double[] r = canonical(relative); // mirroring is its own inverse
        double[] min = new double[3];
        double[] max = new double[3];
        for (int a = 0; a < 3; a++) {
            double origin = foreground.min()[a];
            double size = foreground.max()[a] - origin;
            min[a] = origin + Math.min(r[a], r[a + 3]) * size;
            max[a] = origin + Math.max(r[a], r[a + 3]) * size;
        }
        return new PatientBounds(min, max).toVoxels(volume, regionId);
    }

    /**
     * The frame sampled on an n x n x n grid (x fastest), nearest voxel, canonical side, intensities
     * divided by the bright end of the foreground's histogram: what a learnt model looks at.
     */
    public float[] sample(int n) {
        var toVoxel = volume.voxelToLps().inverse();
        double scale = Foreground.brightEnd(volume);
        float[] grid = new float[n * n * n];
        int nx = volume.nx(), ny = volume.ny(), nz = volume.nz();
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double fx = (x + 0.5) / n;
                    double[] p = {at(0, mirrored ? 1 - fx : fx), at(1, (y + 0.5) / n), at(2, (z + 0.5) / n)};
                    double[] v = toVoxel.apply(p[0], p[1], p[2]);
                    int i = (int) Math.round(v[0]), j = (int) Math.round(v[1]), k = (int) Math.round(v[2]);
                    if (i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz) {
                        double value = volume.data().get(volume.index(i, j, k)) * volume.slope() + volume.intercept();
                        grid[x + n * (y + n * z)] = (float) (value / scale);
                    }
                }
            }
        }
        return grid;
    }

    private double at(int axis, double fraction) {
        return foreground.min()[axis] + fraction * (foreground.max()[axis] - foreground.min()[axis]);
    }

    private double[] canonical(double[] r) {
        if (!mirrored) {
            return r.clone();
        }
        double[] m = r.clone();
        m[0] = 1 - r[3];
        m[3] = 1 - r[0];
        return m;
    }
}
