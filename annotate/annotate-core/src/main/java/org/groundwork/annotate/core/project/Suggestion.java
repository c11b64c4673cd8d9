package org.groundwork.annotate.core.project;

import java.time.Instant;
import java.util.Objects;

/**
 * A box a model proposed for a region of a case, kept with what became of it. A proposal is never a
 * box of the case by itself: only a reader's accept or edit makes one.
 *
 * @param min half-open voxel box, inclusive corner
 * @param max half-open voxel box, exclusive corner
 * @param modelHash SHA-256 of the model's weights
 */
public record Suggestion(String id, long caseId, String regionId, int[] min, int[] max, double confidence,
                         String modelId, String modelHash, long latencyMillis, Instant createdAt, Fate fate) {
    /** What the reader did with the proposal. */
    public enum Fate { PENDING, ACCEPTED, EDITED, REJECTED }

    public Suggestion {
        Objects.requireNonNull(id);
        Objects.requireNonNull(regionId);
        Objects.requireNonNull(modelId);
        Objects.requireNonNull(modelHash);
        Objects.requireNonNull(fate);
        min = min.clone();
        max = max.clone();
    }

    @Override
    public int[] min() {
        return min.clone();
    }

    @Override
    public int[] max() {
        return max.clone();
    }
}
