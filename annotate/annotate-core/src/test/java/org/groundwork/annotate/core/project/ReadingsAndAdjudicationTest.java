package org.groundwork.annotate.core.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.junit.jupiter.api.Test;

class ReadingsAndAdjudicationTest {
    private static final Provenance A = Provenance.human("dr.a", Instant.EPOCH);
    private static final Provenance B = Provenance.human("dr.b", Instant.EPOCH);
    private static final Protocol KNEE = ProtocolReader.builtIn("knee-mri");

    /** Two readers on case 1: A's box [0,10)^3, B's shifted by 5 in x; sizes 2 and 1, depths both 1. */
    private static CaseAnnotations twoReadings() {
        CaseAnnotations c = CaseAnnotations.empty(1);
        c = c.apply(new Edit.PutBox(new Box("ba", 1, "femur-medial-central", null, new int[] {0, 0, 0}, new int[] {10, 10, 10}, A)));
        c = c.apply(new Edit.PutBox(new Box("bb", 1, "femur-medial-central", null, new int[] {5, 0, 0}, new int[] {15, 10, 10}, B)));
        c = c.apply(new Edit.PutQuestion(new Question("qa", 1, "femur-medial-central", "q20", "cartilage?", A)));
        c = c.apply(new Edit.PutQuestion(new Question("qb", 1, "femur-medial-central", "q20", "cartilage?", B)));
        c = c.apply(new Edit.PutStep(1, new ReasoningStep("sa", "qa", "A looked", new Evidence.BoxRef("ba"), A), 0));
        c = c.apply(new Edit.PutStep(1, new ReasoningStep("sb", "qb", "B looked", null, B), 0));
        c = c.apply(new Edit.SetGrade(1, new Grade("qa", "Size of lesion", 2, A)));
        c = c.apply(new Edit.SetGrade(1, new Grade("qb", "Size of lesion", 1, B)));
        c = c.apply(new Edit.SetGrade(1, new Grade("qa", "Depth of lesion", 1, A)));
        c = c.apply(new Edit.SetGrade(1, new Grade("qb", "Depth of lesion", 1, B)));
        return c;
    }

    @Test
    void aReaderSeesOnlyTheirOwnReading() {
        CaseAnnotations all = twoReadings();
        assertEquals(List.of("dr.a", "dr.b"), all.readers());
        CaseAnnotations a = all.readBy("dr.a");
        assertEquals(List.of("ba"), a.boxes().stream().map(Box::id).toList());
        assertEquals(List.of("qa"), a.questions().stream().map(Question::id).toList());
        assertEquals(2, a.grades("qa").size());
        assertTrue(a.grades("qb").isEmpty() && a.steps("qb").isEmpty(), "nothing of B's");
        assertEquals(List.of("dr.a"), a.readers());
    }

    @Test
    void aReaderSeesTheModelProposalsMadeForThemAndNoOneElses() {
        java.time.Instant at = java.time.Instant.parse("2026-12-01T08:00:00Z");
        Suggestion forA = Suggestion.pending("pa", 1, "femur-medial-central", new int[] {0, 0, 0},
                new int[] {9, 9, 9}, 0.8, "atlas-prior", "ab".repeat(32), 30, at, "dr.a");
        Suggestion forB = Suggestion.pending("pb", 1, "femur-medial-central", new int[] {1, 0, 0},
                new int[] {9, 9, 9}, 0.8, "atlas-prior", "ab".repeat(32), 30, at, "dr.b");
        Suggestion older = new Suggestion("p0", 1, "femur-medial-central", new int[] {2, 0, 0}, new int[] {9, 9, 9},
                0.8, "atlas-prior", "ab".repeat(32), 30, at, Suggestion.Fate.PENDING, null, null, null, null);
        CaseAnnotations all = twoReadings().apply(new Edit.AddSuggestions(1, List.of(forA, forB, older)))
                .apply(new Edit.RevealSuggestion(1, "pb", new int[] {5, 0, 0, 15, 10, 10}));
        assertEquals(List.of("pa", "p0"), all.readBy("dr.a").suggestions().stream().map(Suggestion::id).sorted(
                java.util.Comparator.reverseOrder()).toList(), "not B's proposal, nor the box B drew before revealing it");
        assertEquals(List.of("pb", "p0"), all.readBy("dr.b").suggestions().stream().map(Suggestion::id).sorted(
                java.util.Comparator.reverseOrder()).toList());
        assertEquals(3, all.suggestions().size(), "the whole record keeps all three");
    }

    @Test
    void roundRobinDealsEachCaseToDistinctReadersInTurn() {
        Map<Long, List<String>> dealt = Readings.roundRobin(List.of(1L, 2L, 3L, 4L), List.of("a", "b", "c"), 2);
        assertEquals(List.of("a", "b"), dealt.get(1L));
        assertEquals(List.of("b", "c"), dealt.get(2L));
        assertEquals(List.of("c", "a"), dealt.get(3L));
        assertEquals(List.of("a", "b"), dealt.get(4L));
        assertEquals(List.of("a"), Readings.roundRobin(List.of(9L), List.of("a"), 3).get(9L), "never more than there are");
        assertEquals(List.of("dr.a", "dr.b"), Readings.parse(" dr.a, dr.b ,,dr.a"));
    }

    @Test
    void adjudicationShowsTheDisagreementsAndWritesAConsensusThatSaysWhereItCameFrom() {
        CaseAnnotations all = twoReadings();
        List<Adjudication.Item> items = Adjudication.items(all, KNEE);
        assertEquals(1, items.size());
        Adjudication.Item item = items.get(0);
        assertEquals(1 / 3.0, item.lowestIou(), 1e-12, "overlap 5 of a union of 15 along x");
        assertTrue(item.boxesDisagree());
        assertEquals(List.of("Size of lesion"), item.fieldsInDispute());

        assertArrayEquals(new int[][] {{0, 0, 0}, {15, 10, 10}}, Adjudication.box(item, Adjudication.BoxChoice.UNION, null));
        assertArrayEquals(new int[][] {{5, 0, 0}, {10, 10, 10}}, Adjudication.box(item, Adjudication.BoxChoice.INTERSECTION, null));
        assertArrayEquals(new int[][] {{3, 0, 0}, {13, 10, 10}}, Adjudication.box(item, Adjudication.BoxChoice.MEAN, null),
                "mean of 0 and 5 is 2.5, rounded half up");
        assertArrayEquals(new int[][] {{5, 0, 0}, {15, 10, 10}}, Adjudication.box(item, Adjudication.BoxChoice.READER, "dr.b"));

        var decision = new Adjudication.Decision(Adjudication.BoxChoice.UNION, null,
                Map.of("Size of lesion", 2, "Depth of lesion", 1), "dr.a");
        CaseAnnotations after = all;
        for (Edit e : Adjudication.consensus(all, item, decision, "dr.adj", Instant.EPOCH)) {
            after = after.apply(e);
        }
        CaseAnnotations consensus = after.readBy(Readings.CONSENSUS);
        assertEquals(1, consensus.questions().size());
        Question q = consensus.questions().get(0);
        assertEquals("q20", q.templateId());
        assertEquals(2, consensus.grades(q.id()).get("Size of lesion").value());
        Box box = consensus.boxes().get(0);
        assertArrayEquals(new int[] {0, 0, 0}, box.min());
        assertArrayEquals(new int[] {15, 10, 10}, box.max());
        List<ReasoningStep> steps = consensus.steps(q.id());
        assertEquals("A looked", steps.get(0).text());
        assertEquals(new Evidence.BoxRef(box.id()), steps.get(0).evidence(), "A's evidence now points at the consensus box");
        assertEquals("Consensus by dr.adj: box union of dr.a, dr.b; Size of lesion 2 (as dr.a); Depth of lesion 1 "
                + "(as dr.a, dr.b); reasoning of dr.a.", steps.get(1).text());

        // Adjudicating again replaces the consensus rather than adding a second one.
        var again = new Adjudication.Decision(Adjudication.BoxChoice.INTERSECTION, null, Map.of("Size of lesion", 1), "dr.b");
        for (Edit e : Adjudication.consensus(after, Adjudication.items(after, KNEE).get(0), again, "dr.adj", Instant.EPOCH)) {
            after = after.apply(e);
        }
        assertEquals(1, after.readBy(Readings.CONSENSUS).questions().size());
        assertEquals(1, after.readBy(Readings.CONSENSUS).boxes().size());
        assertFalse(Adjudication.items(after, KNEE).get(0).answers().containsKey(Readings.CONSENSUS));
        assertNull(Adjudication.box(new Adjudication.Item("q", "r", "t", Map.of(), Map.of(), 1, Map.of()),
                Adjudication.BoxChoice.UNION, null));
    }
}
