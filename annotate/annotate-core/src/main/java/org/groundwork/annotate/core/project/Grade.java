package org.groundwork.annotate.core.project;

import java.util.Objects;

/** The value given to one severity field of a question, e.g. "Size of lesion" = 2. */
public record Grade(String questionId, String field, int value, Provenance provenance) {
    public Grade {
        Objects.requireNonNull(questionId);
        Objects.requireNonNull(field);
        Objects.requireNonNull(provenance);
    }
}
