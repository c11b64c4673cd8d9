package org.groundwork.annotate.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scripted blind-first session with known proposals and known reader boxes, and the numbers
 * worked out by hand.
 */
class AssistReportTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static Suggestion proposal(String id, String region, int[] min, int[] max) {
        return Suggestion.pending(id, 1, region, min, max, 0.7, "atlas-prior", "cd".repeat(32), 40, T0, "dr.a");
    }

    private static Box reader(String id, String region, int[] min, int[] max) {
        return new Box(id, 1, region, null, min, max, Provenance.human("dr.c", T0.plusSeconds(5)));
    }

    @Test
    void aScriptedBlindFirstSessionGivesTheNumbersWorkedOutByHand() {
        // Three proposals on a 100-voxel-deep grid; each box is 10 x 10 x 10 unless said otherwise.
        Suggestion acl = proposal("pa", "acl", new int[] {0, 0, 0}, new int[] {10, 10, 10});
        Suggestion pcl = proposal("pp", "pcl", new int[] {50, 50, 50}, new int[] {60, 60, 60});
        Suggestion cyst = proposal("pc", "popliteal-cyst", new int[] {20, 0, 0}, new int[] {30, 10, 10});
        CaseAnnotations state = CaseAnnotations.empty(1).apply(new Edit.AddSuggestions(1, List.of(acl, pcl, cyst)));
        assertTrue(ModelBoxes.hiddenWhenBlind(state, acl), "hidden until the reader boxes the ACL");

        // ACL: the reader's own box overlaps the proposal by half (IoU 5*10*10 / (1000+1000-500) = 1/3): poor.
        Box aclBox = reader("ra", "acl", new int[] {5, 0, 0}, new int[] {15, 10, 10});
        state = state.apply(ModelBoxes.put(state, aclBox, T0.plusSeconds(5), true));
        assertEquals(false, ModelBoxes.hiddenWhenBlind(state, state.suggestion("pa").orElseThrow()));
        // ... then, having seen it, the reader moves their box onto the proposal (IoU 1) and accepts it too.
        Box moved = aclBox.withExtent(new int[] {0, 0, 0}, new int[] {10, 10, 10}, null);
        state = state.apply(ModelBoxes.put(state, moved, T0.plusSeconds(8), true));
        state = state.apply(ModelBoxes.accept(state, state.suggestion("pa").orElseThrow(), "ACL", null, "dr.c",
                T0.plusSeconds(9)));

        // PCL: the reader's box equals the proposal (IoU 1, not poor); the reader rejects the proposal anyway.
        Box pclBox = reader("rp", "pcl", new int[] {50, 50, 50}, new int[] {60, 60, 60});
        state = state.apply(ModelBoxes.put(state, pclBox, T0.plusSeconds(10), true));
        state = state.apply(ModelBoxes.reject(state.suggestion("pp").orElseThrow(), T0.plusSeconds(11)));

        // Popliteal cyst: never boxed by the reader, so never revealed, still pending.
        assertTrue(ModelBoxes.hiddenWhenBlind(state, state.suggestion("pc").orElseThrow()));

        AssistReport r = AssistReport.of(List.of(state));
        assertEquals(3, r.proposals());
        assertEquals(1, r.pending());
        assertEquals(1, r.accepted());
        assertEquals(1, r.rejected());
        assertEquals(0.5, r.acceptanceRate(), 1e-12);
        assertEquals(1.0, r.meanFinalIou(), 1e-12);
        assertEquals(2, r.revealed());
        // ACL moved from IoU 1/3 to 1 (+2/3); PCL stayed at 1 (0): mean +1/3.
        assertEquals(1.0 / 3, r.meanMoveTowardProposal(), 1e-12);
        assertEquals(1, r.poorRevealed());
        assertEquals(1, r.poorAccepted());
        assertTrue(r.text().contains("Poor proposals (IoU < 0.5 with the reader's own box) accepted anyway: 1 of 1"),
                r.text());
        assertTrue(r.text().contains("mean move of the reader's box toward the proposal: +0.33"), r.text());
        // Per region: the ACL proposal taken (IoU 1 to the box kept), the PCL one rejected, the cyst's undecided.
        assertEquals(List.of(new AssistReport.RegionOutcome("acl", 1, 1, 0, 1.0),
                new AssistReport.RegionOutcome("pcl", 1, 0, 1, Double.NaN),
                new AssistReport.RegionOutcome("popliteal-cyst", 1, 0, 0, Double.NaN)), r.regions());
        assertTrue(r.text().endsWith("\nLeast taken regions (taken of decided proposals): pcl 0% of 1, acl 100% of 1"),
                r.text());
    }

    @Test
    void withoutBlindFirstProposalsShowAtOnceAndNothingIsRevealed() {
        Suggestion acl = proposal("pa", "acl", new int[] {0, 0, 0}, new int[] {10, 10, 10});
        CaseAnnotations state = CaseAnnotations.empty(1).apply(new Edit.AddSuggestions(1, List.of(acl)));
        Box mine = reader("ra", "acl", new int[] {5, 0, 0}, new int[] {15, 10, 10});
        state = state.apply(ModelBoxes.put(state, mine, T0, false));
        assertEquals(null, state.suggestion("pa").orElseThrow().blind());
        AssistReport r = AssistReport.of(List.of(state));
        assertEquals(0, r.revealed());
        assertTrue(Double.isNaN(r.acceptanceRate()));
        assertTrue(r.text().contains("Acceptance rate: - of decided"), r.text());
        assertTrue(r.text().endsWith("\nLeast taken regions (taken of decided proposals): -"), r.text());
    }
}
