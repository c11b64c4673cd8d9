package org.groundwork.annotate.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finished cases with and without proposals, their times chosen so that the medians are known. */
class AssistEffortTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static CaseRecord record(long id, CaseStatus status, long seconds) {
        return new CaseRecord(id, "case " + id, "P" + id, "st" + id, "se" + id, status, null, seconds);
    }

    /** A case with {@code boxes} boxes and, when {@code proposals}, one rejected proposal. */
    private static CaseAnnotations annotations(long id, int boxes, boolean proposals) {
        List<Edit> edits = new ArrayList<>();
        for (int n = 0; n < boxes; n++) {
            edits.add(new Edit.PutBox(new Box("b" + n, id, "acl", null, new int[] {0, 0, n}, new int[] {5, 5, n + 1},
                    Provenance.human("dr.a", T0))));
        }
        if (proposals) {
            edits.add(new Edit.AddSuggestions(id, List.of(Suggestion.pending("s" + id, id, "acl", new int[] {0, 0, 0},
                    new int[] {5, 5, 5}, 0.6, "cnn-boxes", "ab".repeat(32), 30, T0, "dr.a"))));
            edits.add(new Edit.DecideSuggestion(id, "s" + id, Suggestion.Fate.REJECTED, null, 2_000L));
        }
        CaseAnnotations a = CaseAnnotations.empty(id);
        for (Edit e : edits) {
            a = a.apply(e);
        }
        return a;
    }

    @Test
    void finishedCasesWithProposalsAreComparedWithThoseWithout() {
        List<CaseRecord> cases = List.of(
                record(1, CaseStatus.DONE, 300), record(2, CaseStatus.DONE, 100), record(3, CaseStatus.DONE, 200),
                record(4, CaseStatus.DONE, 600), record(5, CaseStatus.DONE, 400),
                record(6, CaseStatus.IN_PROGRESS, 5), // unfinished: not counted
                record(7, CaseStatus.DONE, 0)); // finished without recorded time: not counted
        Map<Long, CaseAnnotations> annotations = Map.of(
                1L, annotations(1, 10, true), 2L, annotations(2, 4, true), 3L, annotations(3, 1, true),
                4L, annotations(4, 6, false), 5L, annotations(5, 0, false),
                6L, annotations(6, 1, true), 7L, annotations(7, 1, false));
        AssistEffort effort = AssistEffort.of(cases, annotations);
        // With: 300, 100, 200 s (median 200); per box 30, 25, 200 (median 30).
        assertEquals(new AssistEffort.Group(3, 200, 30), effort.withProposals());
        // Without: 600, 400 s (median 500); only case 4 has boxes: 100 s per box.
        assertEquals(new AssistEffort.Group(2, 500, 100), effort.withoutProposals());
        assertEquals(0.4, effort.timeRatio(), 1e-12);
        assertEquals("""
                Finished cases read with model proposals: 3 case(s), median 3.3 min (30 s per box kept)
                Finished cases read without: 2 case(s), median 8.3 min (100 s per box kept)
                Time with proposals against without: 0.40x the median time per case (an observation: the cases were \
                not assigned at random)""", effort.text());
    }

    @Test
    void withoutFinishedCasesOfBothKindsThereIsNoRatio() {
        AssistEffort effort = AssistEffort.of(List.of(record(1, CaseStatus.DONE, 90)), Map.of());
        assertEquals(new AssistEffort.Group(1, 90, Double.NaN), effort.withoutProposals());
        assertTrue(Double.isNaN(effort.timeRatio()));
        assertTrue(effort.text().startsWith("Finished cases read with model proposals: none yet\n"
                + "Finished cases read without: 1 case(s), median 90 s\n"), effort.text());
        assertTrue(effort.text().endsWith("- (needs finished cases of both kinds)"), effort.text());
    }

    @Test
    void aTrialDrawsAboutHalfTheCasesOnceAndForAllAndItsArmsAreTheGroups() {
        AssistTrial trial = new AssistTrial("project-secret");
        long with = java.util.stream.LongStream.rangeClosed(1, 1000).filter(trial::withProposals).count();
        assertTrue(with > 440 && with < 560, with + " of 1000");
        assertEquals(trial.withProposals(17), new AssistTrial("project-secret").withProposals(17), "fixed for a case");
        assertTrue(java.util.stream.LongStream.rangeClosed(1, 64)
                .anyMatch(id -> trial.withProposals(id) != new AssistTrial("another").withProposals(id)),
                "another project's secret draws otherwise");

        // Grouped by arm, whatever proposals the cases had: an arm-without case that had some stays without.
        long armWith = java.util.stream.LongStream.rangeClosed(1, 100).filter(trial::withProposals).findFirst().orElseThrow();
        long armWithout = java.util.stream.LongStream.rangeClosed(1, 100).filter(id -> !trial.withProposals(id))
                .findFirst().orElseThrow();
        AssistEffort effort = AssistEffort.of(List.of(record(armWith, CaseStatus.DONE, 60),
                record(armWithout, CaseStatus.DONE, 120)), Map.of(armWith, annotations(armWith, 1, false),
                armWithout, annotations(armWithout, 1, true)), java.util.Optional.of(trial));
        assertEquals(new AssistEffort.Group(1, 60, 60), effort.withProposals());
        assertEquals(new AssistEffort.Group(1, 120, 120), effort.withoutProposals());
        assertTrue(effort.text().startsWith("Assist trial, finished cases of the arm with model proposals: 1 case(s), "
                + "median 60 s"), effort.text());
        assertTrue(effort.text().endsWith("0.50x the median time per case (the arms were drawn at random)"), effort.text());
    }
}
