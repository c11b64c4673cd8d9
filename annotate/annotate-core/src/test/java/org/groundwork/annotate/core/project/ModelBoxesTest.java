package org.groundwork.annotate.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelBoxesTest {
    private static final Instant PROPOSED = Instant.parse("2026-11-30T10:00:00Z");
    private static final Suggestion ACL = Suggestion.pending("p1", 7, "acl", new int[] {10, 10, 10},
            new int[] {20, 20, 20}, 0.8, "atlas-prior", "ab".repeat(32), 50, PROPOSED, "dr.a");

    private static CaseAnnotations proposed() {
        return CaseAnnotations.empty(7).apply(new Edit.AddSuggestions(7, List.of(ACL)));
    }

    @Test
    void acceptingMakesAModelBoxAndRecordsTheDecision() {
        CaseAnnotations after = proposed().apply(ModelBoxes.accept(proposed(), ACL, "ACL", null, "dr.b",
                PROPOSED.plusSeconds(4)));
        Box box = after.box("p1").orElseThrow();
        assertEquals(Provenance.Origin.MODEL, box.provenance().origin());
        assertEquals("atlas-prior", box.provenance().modelId());
        assertEquals("dr.b", box.provenance().author());
        Suggestion s = after.suggestion("p1").orElseThrow();
        assertEquals(Suggestion.Fate.ACCEPTED, s.fate());
        assertEquals(1.0, s.finalIou());
        assertEquals(4000L, s.decisionMillis());
    }

    @Test
    void changingTheBoxMakesItModelEditedWithTheIouToTheProposal() {
        CaseAnnotations accepted = proposed().apply(ModelBoxes.accept(proposed(), ACL, "ACL", null, "dr.b", PROPOSED));
        Box box = accepted.box("p1").orElseThrow();
        Box wider = box.withExtent(new int[] {10, 10, 10}, new int[] {30, 20, 20}, null); // twice as wide
        CaseAnnotations edited = accepted.apply(ModelBoxes.put(accepted, wider, PROPOSED.plusSeconds(9), false));
        assertEquals(Provenance.Origin.MODEL_EDITED, edited.box("p1").orElseThrow().provenance().origin());
        Suggestion s = edited.suggestion("p1").orElseThrow();
        assertEquals(Suggestion.Fate.EDITED, s.fate());
        assertEquals(0.5, s.finalIou(), 1e-12);
        // One undo brings back the accepted box and decision.
        assertEquals(accepted, edited.apply(accepted.inverse(ModelBoxes.put(accepted, wider, PROPOSED.plusSeconds(9), false))));
    }

    @Test
    void deletingAnAcceptedBoxOrRejectingCountsAsRejection() {
        CaseAnnotations accepted = proposed().apply(ModelBoxes.accept(proposed(), ACL, "ACL", null, "dr.b", PROPOSED));
        CaseAnnotations deleted = accepted.apply(ModelBoxes.delete(accepted, accepted.box("p1").orElseThrow(),
                PROPOSED.plusSeconds(2)));
        assertEquals(0, deleted.boxes().size());
        assertEquals(Suggestion.Fate.REJECTED, deleted.suggestion("p1").orElseThrow().fate());
        CaseAnnotations rejected = proposed().apply(ModelBoxes.reject(ACL, PROPOSED.plusSeconds(1)));
        assertEquals(Suggestion.Fate.REJECTED, rejected.suggestion("p1").orElseThrow().fate());
        assertEquals(0.0, rejected.suggestion("p1").orElseThrow().finalIou());
        Box human = new Box("h1", 7, "acl", null, new int[] {0, 0, 0}, new int[] {1, 1, 1}, Provenance.human("dr.b", PROPOSED));
        assertEquals(new Edit.PutBox(human), ModelBoxes.put(proposed(), human, PROPOSED, false));
    }
}
