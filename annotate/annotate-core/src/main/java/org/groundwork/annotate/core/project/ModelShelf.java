package org.groundwork.annotate.core.project;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The models trained on a project, kept in the project itself so that every workstation that opens
 * it suggests with the same promoted model. The store keeps each model's files as one archive and
 * does not look inside; what they mean is the assistant's business.
 */
public interface ModelShelf {
    /**
     * A kept model: its name, the SHA-256 of its weights, what its trainer recorded about it (JSON),
     * who trained it and when, and whether it is the promoted one.
     */
    record Entry(String name, String hash, String evaluation, String trainedBy, Instant trainedAt, boolean promoted) {
    }

    /**
     * How one model version's proposals fared with the readers: made, still pending, taken (accepted
     * or edited), rejected, and the mean IoU of a taken proposal to the box kept (NaN when none).
     */
    record Use(int proposals, int pending, int taken, int rejected, double meanKeptIou) {
        /** One line for a list of models. */
        public String text() {
            if (proposals == 0) {
                return "no proposals made with it yet";
            }
            int decided = taken + rejected;
            return String.format(java.util.Locale.ROOT, "proposals made: %d (%d pending); taken %d of %d decided%s%s",
                    proposals, pending, taken, decided,
                    decided == 0 ? "" : String.format(java.util.Locale.ROOT, " (%.0f%%)", 100.0 * taken / decided),
                    Double.isNaN(meanKeptIou) ? ""
                            : String.format(java.util.Locale.ROOT, ", mean IoU to the box kept %.2f", meanKeptIou));
        }
    }

    /** Which model is in use, who put it in use (its trainer, when training promoted it) and when. */
    record Promotion(String name, String by, Instant at) {
    }

    /** The model in use, or empty while suggestions come from the atlas prior. */
    Optional<Promotion> promotion() throws ProjectException;

    /** Every model, oldest first. */
    List<Entry> list() throws ProjectException;

    /** The archive of a model's files, as added. */
    byte[] files(String name) throws ProjectException;

    /**
     * Adds a model in one transaction. With {@code promote} it becomes the promoted model, but only if
     * {@code promotedBefore} (null: none) still is, since another workstation may have promoted one
     * while this one trained; returns whether it was promoted.
     */
    boolean add(Entry entry, byte[] files, boolean promote, String promotedBefore) throws ProjectException;

    /**
     * How each model version's proposals fared, by the SHA-256 of its weights (the atlas prior's
     * changes with every fit); on a reader's sign-in, their own proposals only.
     */
    java.util.Map<String, Use> uses() throws ProjectException;

    /**
     * Makes a kept model the promoted one, whichever was before: a person's choice, such as going back
     * to an earlier model, with no held-out comparison. Refused where {@link #whyNotTrain()} says so,
     * and for a name the project does not hold.
     */
    void promote(String name, String by) throws ProjectException;

    /**
     * Why this session may not train the project's model, or empty when it may: a read-only project,
     * or a reader of a shared project, who sees only their own boxes.
     */
    Optional<String> whyNotTrain();
}
