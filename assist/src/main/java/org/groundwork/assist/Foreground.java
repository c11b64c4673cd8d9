package org.groundwork.assist;

import java.util.Arrays;
import org.groundwork.viewer.core.Volume;

/**
 * Where the body part is in a volume: the voxel box of the voxels brighter than a tenth of the
 * bright end of the histogram, ignoring planes where only a stray speck of noise passes. Boxes of
 * different scans are compared relative to it.
 */
public final class Foreground {
    private static final double THRESHOLD_OF_BRIGHT = 0.1;
    private static final double MIN_SHARE_OF_BUSIEST_PLANE = 0.02;

    private Foreground() {
    }

    public static RegionBox of(Volume volume) {
        int nx = volume.nx(), ny = volume.ny(), nz = volume.nz();
        double threshold = THRESHOLD_OF_BRIGHT * brightEnd(volume);
        long[][] counts = {new long[nx], new long[ny], new long[nz]};
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int row = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    if (volume.data().get(row + i) * volume.slope() + volume.intercept() > threshold) {
                        counts[0][i]++;
                        counts[1][j]++;
                        counts[2][k]++;
                    }
                }
            }
        }
        int[] min = new int[3];
        int[] max = new int[3];
        for (int a = 0; a < 3; a++) {
            long busiest = Arrays.stream(counts[a]).max().orElse(0);
            long enough = Math.max(1, (long) Math.ceil(busiest * MIN_SHARE_OF_BUSIEST_PLANE));
            int first = 0;
            while (first < counts[a].length - 1 && counts[a][first] < enough) {
                first++;
            }
            int last = counts[a].length - 1;
            while (last > first && counts[a][last] < enough) {
                last--;
            }
            min[a] = first;
            max[a] = last + 1;
        }
        return new RegionBox("foreground", min, max);
    }

    /** The 99.5th percentile of a sample of the real values. */
    public static double brightEnd(Volume volume) {
        int stride = Math.max(1, (int) (volume.voxelCount() / 200_000)) | 1; // odd: not in step with the rows
        int n = (int) (volume.voxelCount() / stride);
        double[] sample = new double[n];
        for (int s = 0; s < n; s++) {
            sample[s] = volume.data().get(s * stride) * volume.slope() + volume.intercept();
        }
        Arrays.sort(sample);
        return sample[Math.min(n - 1, (int) (n * 0.995))];
    }
}
