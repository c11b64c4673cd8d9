package org.groundwork.annotate.core.project;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The edits that keep a model's proposals and the boxes made from them in step: accepting makes a
 * box with MODEL provenance (its id is the proposal's), changing that box makes it MODEL_EDITED and
 * records how far it moved from the proposal, deleting it or rejecting the proposal records a
 * rejection. Each is one batch, so one undo.
 */
public final class ModelBoxes {
    private ModelBoxes() {
    }

    /** Accepts a pending proposal as it is. */
    public static Edit accept(CaseAnnotations state, Suggestion s, String label, double[] patientCorners, String user,
                              Instant now) {
        Box box = new Box(s.id(), s.caseId(), s.regionId(), label, s.min(), s.max(), Box.Shape.VOLUME, patientCorners,
                new Provenance(user, now, Provenance.Origin.MODEL, s.modelId(), s.modelHash()));
        return new Edit.Batch(s.caseId(), List.of(new Edit.PutBox(box),
                new Edit.DecideSuggestion(s.caseId(), s.id(), Suggestion.Fate.ACCEPTED, 1.0, millis(s, now))));
    }

    public static Edit reject(Suggestion s, Instant now) {
        return new Edit.DecideSuggestion(s.caseId(), s.id(), Suggestion.Fate.REJECTED, 0.0, millis(s, now));
    }

    /**
     * Puts a changed box; a box a model made becomes MODEL_EDITED, and its proposal records the IoU
     * between the proposal and the box as it is now. In blind-first mode a reader's own box reveals
     * the region's hidden proposals, keeping the box as it was when they saw them.
     */
    public static Edit put(CaseAnnotations state, Box changed, Instant now, boolean blindFirst) {
        Provenance p = changed.provenance();
        if (p.origin() != Provenance.Origin.MODEL && p.origin() != Provenance.Origin.MODEL_EDITED) {
            List<Edit> reveals = blindFirst ? reveals(state, changed) : List.of();
            if (reveals.isEmpty()) {
                return new Edit.PutBox(changed);
            }
            List<Edit> edits = new ArrayList<>(List.of(new Edit.PutBox(changed)));
            edits.addAll(reveals);
            return new Edit.Batch(changed.caseId(), edits);
        }
        Box edited = changed.withProvenance(new Provenance(p.author(), p.createdAt(), Provenance.Origin.MODEL_EDITED,
                p.modelId(), p.modelHash()));
        List<Edit> edits = new ArrayList<>(List.of(new Edit.PutBox(edited)));
        state.suggestion(changed.id()).ifPresent(s -> edits.add(new Edit.DecideSuggestion(s.caseId(), s.id(),
                Suggestion.Fate.EDITED, s.iou(edited.min(), edited.max()), millis(s, now))));
        return new Edit.Batch(changed.caseId(), edits);
    }

    /** Whether a proposal is hidden in blind-first mode: pending, and its region not yet boxed by the reader. */
    public static boolean hiddenWhenBlind(CaseAnnotations state, Suggestion s) {
        return s.fate() == Suggestion.Fate.PENDING && s.blind() == null && state.boxes().stream()
                .noneMatch(b -> s.regionId().equals(b.regionId()) && b.provenance().origin() == Provenance.Origin.HUMAN);
    }

    private static List<Edit> reveals(CaseAnnotations state, Box readerBox) {
        int[] min = readerBox.min();
        int[] max = readerBox.max();
        int[] extent = {min[0], min[1], min[2], max[0], max[1], max[2]};
        return state.suggestions().stream().filter(s -> s.regionId().equals(readerBox.regionId()))
                .filter(s -> hiddenWhenBlind(state, s))
                .<Edit>map(s -> new Edit.RevealSuggestion(s.caseId(), s.id(), extent)).toList();
    }

    /** Deletes a box; when it came from a proposal, the proposal counts as rejected. */
    public static Edit delete(CaseAnnotations state, Box box, Instant now) {
        Edit delete = new Edit.DeleteBox(box.caseId(), box.id());
        return state.suggestion(box.id()).<Edit>map(s -> new Edit.Batch(box.caseId(), List.of(delete, reject(s, now))))
                .orElse(delete);
    }

    private static long millis(Suggestion s, Instant now) {
        return Math.max(0, Duration.between(s.createdAt(), now).toMillis());
    }
}
