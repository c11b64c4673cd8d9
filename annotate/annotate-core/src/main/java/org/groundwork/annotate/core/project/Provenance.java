package org.groundwork.annotate.core.project;

import java.time.Instant;

/**
 * Who made an annotation, when, and whether a model proposed it.
 *
 * @param modelId null for human-made annotations
 * @param modelHash SHA-256 of the model file, null for human-made annotations
 */
public record Provenance(String author, Instant createdAt, Origin origin, String modelId, String modelHash) {
    /** Where an annotation came from. */
    public enum Origin { HUMAN, MODEL, MODEL_EDITED, MODEL_REJECTED }

    public static Provenance human(String author, Instant at) {
        return new Provenance(author, at, Origin.HUMAN, null, null);
    }
}
