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
 * @param finalIou once decided: 3D IoU between the proposal and the box the reader kept (0 when rejected)
 * @param decisionMillis once decided: time from the proposal to the reader's decision
 * @param blind in blind-first mode, the reader's own box of the region when the proposal was revealed
 *        ({@code [min i, j, k, max i, j, k]}); null otherwise
 * @param reader the reader the proposal was made for, the only one who sees it while reading blind (its
 *        fate and revealed box are part of that reader's reading); null for proposals made before
 *        proposals were kept per reader
 */
public record Suggestion(String id, long caseId, String regionId, int[] min, int[] max, double confidence,
                         String modelId, String modelHash, long latencyMillis, Instant createdAt, Fate fate,
                         Double finalIou, Long decisionMillis, int[] blind, String reader) {
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
        blind = blind == null ? null : blind.clone();
    }

    /** A pending proposal made for {@code reader}. */
    public static Suggestion pending(String id, long caseId, String regionId, int[] min, int[] max, double confidence,
                                     String modelId, String modelHash, long latencyMillis, Instant createdAt,
                                     String reader) {
        return new Suggestion(id, caseId, regionId, min, max, confidence, modelId, modelHash, latencyMillis, createdAt,
                Fate.PENDING, null, null, null, Objects.requireNonNull(reader));
    }

    /** The same pending proposal made for another reader, under its own id. */
    public Suggestion forReader(String newId, String otherReader) {
        return pending(newId, caseId, regionId, min, max, confidence, modelId, modelHash, latencyMillis, createdAt,
                otherReader);
    }

    public Suggestion decided(Fate newFate, Double iou, Long millis) {
        return new Suggestion(id, caseId, regionId, min, max, confidence, modelId, modelHash, latencyMillis, createdAt,
                newFate, iou, millis, blind, reader);
    }

    /** Revealed in blind-first mode after the reader drew {@code readerBox} (null: hidden again, an undo). */
    public Suggestion revealed(int[] readerBox) {
        return new Suggestion(id, caseId, regionId, min, max, confidence, modelId, modelHash, latencyMillis, createdAt,
                fate, finalIou, decisionMillis, readerBox, reader);
    }

    /** Whether {@code someone} reading blind sees this proposal: it was made for them, or for nobody in particular. */
    public boolean shownTo(String someone) {
        return reader == null || reader.equals(someone);
    }

    @Override
    public int[] blind() {
        return blind == null ? null : blind.clone();
    }

    /** 3D IoU of this proposal with the half-open voxel box [otherMin, otherMax). */
    public double iou(int[] otherMin, int[] otherMax) {
        return VoxelExtents.iou(min, max, otherMin, otherMax);
    }

    @Override
    public int[] min() {
        return min.clone();
    }

    @Override
    public int[] max() {
        return max.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Suggestion s && id.equals(s.id) && caseId == s.caseId && regionId.equals(s.regionId)
                && java.util.Arrays.equals(min, s.min) && java.util.Arrays.equals(max, s.max)
                && confidence == s.confidence && modelId.equals(s.modelId) && modelHash.equals(s.modelHash)
                && latencyMillis == s.latencyMillis && createdAt.equals(s.createdAt) && fate == s.fate
                && Objects.equals(finalIou, s.finalIou) && Objects.equals(decisionMillis, s.decisionMillis)
                && java.util.Arrays.equals(blind, s.blind) && Objects.equals(reader, s.reader);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, caseId, fate);
    }
}
