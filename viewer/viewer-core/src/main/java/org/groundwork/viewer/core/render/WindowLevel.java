package org.groundwork.viewer.core.render;

import java.util.Arrays;
import java.util.List;
import org.groundwork.viewer.core.Volume;

/**
 * A display window: real values from {@code center - width/2} to {@code center + width/2} map to
 * black..white. Presets as radiologists know them from their PACS.
 */
public record WindowLevel(double center, double width) {
    public WindowLevel {
        width = Math.max(width, 1e-6);
    }

    /** A named preset. */
    public record Preset(String name, WindowLevel window) {
    }

    public static final List<Preset> CT_PRESETS = List.of(
            new Preset("Brain", new WindowLevel(40, 80)),
            new Preset("Lung", new WindowLevel(-600, 1500)),
            new Preset("Bone", new WindowLevel(400, 1800)),
            new Preset("Soft tissue", new WindowLevel(50, 400)),
            new Preset("Abdomen", new WindowLevel(60, 400)));

    public double lower() {
        return center - width / 2;
    }

    /** Display grey 0..255 of a real value. */
    public int grey(double value) {
        double g = (value - lower()) / width * 255;
        return g <= 0 ? 0 : g >= 255 ? 255 : (int) (g + 0.5);
    }

    /** The file's own window when it has one, else {@link #auto}. */
    public static WindowLevel initial(Volume v) {
        if (Double.isFinite(v.info().windowCenter()) && Double.isFinite(v.info().windowWidth()) && v.info().windowWidth() > 0) {
            return new WindowLevel(v.info().windowCenter(), v.info().windowWidth());
        }
        return auto(v);
    }

    /** From the histogram: the 1st to 99.5th percentile of a sample of the voxels (MR "auto"). */
    public static WindowLevel auto(Volume v) {
        double[] sample = sample(v);
        double lo = sample[(int) (sample.length * 0.01)];
        double hi = sample[Math.min(sample.length - 1, (int) (sample.length * 0.995))];
        if (hi <= lo) {
            return fullRange(v);
        }
        return new WindowLevel((lo + hi) / 2, hi - lo);
    }

    /** Everything from the smallest to the largest value. */
    public static WindowLevel fullRange(Volume v) {
        double[] sample = sample(v);
        double lo = sample[0];
        double hi = sample[sample.length - 1];
        return new WindowLevel((lo + hi) / 2, Math.max(hi - lo, 1));
    }

    private static double[] sample(Volume v) {
        int n = v.data().length();
        int step = Math.max(1, n / 200_000);
        double[] values = new double[(n + step - 1) / step];
        for (int i = 0, k = 0; i < n; i += step, k++) {
            values[k] = v.data().get(i) * v.slope() + v.intercept();
        }
        Arrays.sort(values);
        return values;
    }
}
