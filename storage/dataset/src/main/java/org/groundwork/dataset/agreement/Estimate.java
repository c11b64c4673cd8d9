package org.groundwork.dataset.agreement;

import java.util.Locale;

/**
 * A statistic with its 95% interval from a bootstrap over cases; NaN where it is undefined.
 *
 * @param cases the number of cases it rests on
 */
public record Estimate(double value, double low, double high, int cases) {
    /** "0.61 (0.48 to 0.72)", or "n/a" when undefined. */
    public String format() {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isNaN(low)) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", value, low, high);
    }
}
