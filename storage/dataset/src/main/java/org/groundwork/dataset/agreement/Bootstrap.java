package org.groundwork.dataset.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap over cases: the cases are drawn again with replacement, the statistic is
 * computed on each draw, and the 2.5th and 97.5th percentiles bound it. Cases, not pairs, are the
 * unit, because the pairs of one case are not independent. A fixed seed makes reports repeatable.
 */
public final class Bootstrap {
    public static final int RESAMPLES = 1000;
    private static final long SEED = 20261130L;

    private Bootstrap() {
    }

    /** The statistic on all cases, with its interval; undefined draws (NaN) are left out of the interval. */
    public static <C> Estimate of(List<C> cases, ToDoubleFunction<List<C>> statistic) {
        double value = statistic.applyAsDouble(cases);
        if (cases.size() < 2 || Double.isNaN(value)) {
            return new Estimate(value, Double.NaN, Double.NaN, cases.size());
        }
        Random random = new Random(SEED);
        double[] draws = new double[RESAMPLES];
        int defined = 0;
        List<C> draw = new ArrayList<>(cases.size());
        for (int r = 0; r < RESAMPLES; r++) {
            draw.clear();
            for (int i = 0; i < cases.size(); i++) {
                draw.add(cases.get(random.nextInt(cases.size())));
            }
            double d = statistic.applyAsDouble(draw);
            if (!Double.isNaN(d)) {
                draws[defined++] = d;
            }
        }
        if (defined == 0) {
            return new Estimate(value, Double.NaN, Double.NaN, cases.size());
        }
        double[] sorted = Arrays.copyOf(draws, defined);
        Arrays.sort(sorted);
        return new Estimate(value, percentile(sorted, 0.025), percentile(sorted, 0.975), cases.size());
    }

    private static double percentile(double[] sorted, double p) {
        double at = p * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
    }
}
