package org.groundwork.annotate.core.protocol;

import java.util.List;

/**
 * One named item of a severity grade (e.g. "Size of lesion") with its allowed values.
 *
 * @param nominal the values are kinds (a meniscal tear's morphology), not degrees: a near value is no
 *     nearer an agreement, so only unweighted kappa applies
 */
public record SeverityField(String name, String help, List<GradeOption> options, boolean nominal) {
    public SeverityField {
        options = List.copyOf(options);
    }

    /** Whether {@code value} is one of the allowed values. */
    public boolean allows(int value) {
        return options.stream().anyMatch(o -> o.value() == value);
    }
}
