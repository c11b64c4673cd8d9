package org.groundwork.dataset.agreement;

import java.util.List;

/**
 * Cohen's kappa between two readers: unweighted for nominal scales, linearly or quadratically
 * weighted for ordinal ones (Cohen 1968), where a near miss costs less than a far one.
 */
public final class Kappa {
    /** How much a disagreement between categories i and j of k costs: 1, |i-j|/(k-1) or ((i-j)/(k-1))². */
    public enum Weights { NONE, LINEAR, QUADRATIC }

    private Kappa() {
    }

    /**
     * Kappa over pairs of category indices (0 to {@code categories} - 1), or NaN when it is undefined:
     * no pairs, or both readers always in one and the same category (no disagreement could be expected).
     */
    public static double of(List<int[]> pairs, int categories, Weights weights) {
        if (pairs.isEmpty() || categories < 2) {
            return Double.NaN;
        }
        double[][] observed = new double[categories][categories];
        double[] first = new double[categories];
        double[] second = new double[categories];
        for (int[] p : pairs) {
            observed[p[0]][p[1]]++;
            first[p[0]]++;
            second[p[1]]++;
        }
        double n = pairs.size();
        double disagreementSeen = 0;
        double disagreementExpected = 0;
        for (int i = 0; i < categories; i++) {
            for (int j = 0; j < categories; j++) {
                double w = cost(i, j, categories, weights);
                disagreementSeen += w * observed[i][j] / n;
                disagreementExpected += w * first[i] * second[j] / (n * n);
            }
        }
        return disagreementExpected == 0 ? Double.NaN : 1 - disagreementSeen / disagreementExpected;
    }

    /** The share of pairs on which both readers chose the same category. */
    public static double percentAgreement(List<int[]> pairs) {
        return pairs.isEmpty() ? Double.NaN : 100.0 * pairs.stream().filter(p -> p[0] == p[1]).count() / pairs.size();
    }

    private static double cost(int i, int j, int k, Weights weights) {
        double d = Math.abs(i - j) / (double) (k - 1);
        return switch (weights) {
            case NONE -> i == j ? 0 : 1;
            case LINEAR -> d;
            case QUADRATIC -> d * d;
        };
    }
}
