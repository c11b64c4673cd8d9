package org.groundwork.annotate.core.protocol;

import java.util.List;

/** One named item of a severity grade (e.g. "Size of lesion") with its allowed values. */
public record SeverityField(String name, String help, List<GradeOption> options) {
    public SeverityField {
        options = List.copyOf(options);
    }

    /** Whether {@code value} is one of the allowed values. */
    public boolean allows(int value) {
        return options.stream().anyMatch(o -> o.value() == value);
    }
}
