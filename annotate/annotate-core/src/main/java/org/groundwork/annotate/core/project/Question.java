package org.groundwork.annotate.core.project;

import java.util.Objects;

/**
 * A question asked about a case: from the protocol ({@code templateId}) or typed freely (null).
 *
 * @param id stable identifier (a UUID)
 * @param regionId the protocol region it is about; may be null for a free question
 */
public record Question(String id, long caseId, String regionId, String templateId, String text,
                       Provenance provenance) {
    public Question {
        Objects.requireNonNull(id);
        Objects.requireNonNull(text);
        Objects.requireNonNull(provenance);
    }
}
