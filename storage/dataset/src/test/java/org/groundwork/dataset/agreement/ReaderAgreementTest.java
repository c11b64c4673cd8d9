package org.groundwork.dataset.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.junit.jupiter.api.Test;

/** Agreement on planted readings, checked against values worked out by hand. */
class ReaderAgreementTest {
    private static final Provenance A = Provenance.human("dr.a", Instant.EPOCH);
    private static final Provenance B = Provenance.human("dr.b", Instant.EPOCH);

    /** Pairs from a contingency table: cell [i][j] holds how often reader A said i and reader B said j. */
    private static List<int[]> pairs(int[][] table) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < table[i].length; j++) {
                for (int n = 0; n < table[i][j]; n++) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        return pairs;
    }

    @Test
    void unweightedKappaOfTheTextbookYesNoExampleIsPointFour() {
        // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15 (the example of the Wikipedia article
        // on Cohen's kappa): p_o = 0.70, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50, kappa = 0.40.
        List<int[]> yesNo = pairs(new int[][] {{20, 5}, {10, 15}});
        assertEquals(0.40, Kappa.of(yesNo, 2, Kappa.Weights.NONE), 1e-12);
        assertEquals(70.0, Kappa.percentAgreement(yesNo), 1e-12);
        // With two categories every weighting is the same.
        assertEquals(0.40, Kappa.of(yesNo, 2, Kappa.Weights.QUADRATIC), 1e-12);
    }

    @Test
    void weightedKappaOnAThreeGradeTableMatchesTheHandCalculation() {
        // Rows reader A, columns reader B, grades 0..2; row sums 4, 4, 2 and column sums 4, 3, 3 of n = 10.
        List<int[]> graded = pairs(new int[][] {{3, 1, 0}, {1, 2, 1}, {0, 0, 2}});
        // Unweighted: p_o = 0.7, p_e = (16 + 12 + 6) / 100 = 0.34, kappa = 0.36 / 0.66.
        assertEquals(0.36 / 0.66, Kappa.of(graded, 3, Kappa.Weights.NONE), 1e-12);
        // Linear: seen disagreement 3 x 0.5 / 10 = 0.15; expected (6 + 12 + 8 + 6 + 8 + 3) / 100 = 0.43.
        assertEquals(1 - 0.15 / 0.43, Kappa.of(graded, 3, Kappa.Weights.LINEAR), 1e-12);
        // Quadratic: seen 3 x 0.25 / 10 = 0.075; expected (3 + 12 + 4 + 3 + 8 + 1.5) / 100 = 0.315.
        assertEquals(1 - 0.075 / 0.315, Kappa.of(graded, 3, Kappa.Weights.QUADRATIC), 1e-12);
    }

    @Test
    void linearWeightedKappaIsTheKappaOfTheEmbeddedTwoByTwoTablesAsWarrensShowed() {
        // Linear weights on a K-grade scale equal a kappa built from the K-1 tables that split the scale after
        // each grade: sum of (p_o - p_e) over the splits divided by sum of (1 - p_e) (Zbl 1220.62172).
        int[][] table = {{7, 2, 1, 0}, {3, 9, 2, 1}, {0, 2, 6, 3}, {1, 0, 2, 5}};
        List<int[]> pairs = pairs(table);
        double seen = 0;
        double chance = 0;
        for (int cut = 0; cut < 3; cut++) {
            final int c = cut;
            double agree = pairs.stream().filter(p -> (p[0] <= c) == (p[1] <= c)).count() / (double) pairs.size();
            double first = pairs.stream().filter(p -> p[0] <= c).count() / (double) pairs.size();
            double second = pairs.stream().filter(p -> p[1] <= c).count() / (double) pairs.size();
            double expected = first * second + (1 - first) * (1 - second);
            seen += agree - expected;
            chance += 1 - expected;
        }
        assertEquals(seen / chance, Kappa.of(pairs, 4, Kappa.Weights.LINEAR), 1e-12);
    }

    @Test
    void aNominalFieldHasNoWeightedKappa() {
        Protocol knee = ProtocolReader.builtIn("knee-mri");
        List<CaseAnnotations> cases = new ArrayList<>();
        int[][] morphologies = {{0, 0}, {2, 5}, {3, 3}};
        for (int n = 0; n < 3; n++) {
            long id = n + 1;
            CaseAnnotations c = CaseAnnotations.empty(id);
            c = c.apply(new Edit.PutQuestion(new Question("qa" + id, id, "medial-meniscus-body", "q49", "?", A)));
            c = c.apply(new Edit.PutQuestion(new Question("qb" + id, id, "medial-meniscus-body", "q49", "?", B)));
            c = c.apply(new Edit.SetGrade(id, new Grade("qa" + id, "morphology", morphologies[n][0], A)));
            c = c.apply(new Edit.SetGrade(id, new Grade("qb" + id, "morphology", morphologies[n][1], B)));
            cases.add(c);
        }
        ReaderAgreement.FieldAgreement morphology = ReaderAgreement.of(knee, cases).fields().get(0);
        assertTrue(morphology.nominal(), "a tear's kind is no degree");
        assertTrue(Double.isNaN(morphology.linearKappa().value()) && Double.isNaN(morphology.quadraticKappa().value()));
        assertEquals(200.0 / 3, morphology.percentAgreement().value(), 1e-9);
        assertTrue(!Double.isNaN(morphology.kappa().value()));
    }

    @Test
    void kappaIsUndefinedWhereNoDisagreementCouldBeExpected() {
        assertTrue(Double.isNaN(Kappa.of(pairs(new int[][] {{5, 0}, {0, 0}}), 2, Kappa.Weights.NONE)));
        assertTrue(Double.isNaN(Kappa.of(List.of(), 4, Kappa.Weights.LINEAR)));
    }

    @Test
    void boxesAndGradesOfTwoReadersGiveIouDiceAndKappaPerRegionAndField() {
        Protocol knee = ProtocolReader.builtIn("knee-mri");
        List<CaseAnnotations> cases = new ArrayList<>();
        // Case 1: identical boxes (IoU 1); case 2: B's box is A's shifted by half its width in x (IoU 1/3);
        // case 3: disjoint (IoU 0). Grades of "Size of lesion": (1, 1), (2, 1), (0, 3).
        int[][] shiftOfB = {{0, 0, 0}, {5, 0, 0}, {20, 0, 0}};
        int[][] sizes = {{1, 1}, {2, 1}, {0, 3}};
        for (int n = 0; n < 3; n++) {
            long id = n + 1;
            CaseAnnotations c = CaseAnnotations.empty(id);
            int[] min = {0, 0, 0};
            int[] max = {10, 10, 10};
            int[] s = shiftOfB[n];
            c = c.apply(new Edit.PutBox(new Box("a" + id, id, "femur-medial-central", null, min, max, A)));
            c = c.apply(new Edit.PutBox(new Box("b" + id, id, "femur-medial-central", null,
                    new int[] {s[0], s[1], s[2]}, new int[] {10 + s[0], 10 + s[1], 10 + s[2]}, B)));
            c = c.apply(new Edit.PutQuestion(new Question("qa" + id, id, "femur-medial-central", "q20", "?", A)));
            c = c.apply(new Edit.PutQuestion(new Question("qb" + id, id, "femur-medial-central", "q20", "?", B)));
            c = c.apply(new Edit.SetGrade(id, new Grade("qa" + id, "Size of lesion", sizes[n][0], A)));
            c = c.apply(new Edit.SetGrade(id, new Grade("qb" + id, "Size of lesion", sizes[n][1], B)));
            cases.add(c);
        }
        ReaderAgreement agreement = ReaderAgreement.of(knee, cases);

        assertEquals(1, agreement.regions().size());
        ReaderAgreement.RegionAgreement region = agreement.regions().get(0);
        assertEquals("Femur, medial central (weight-bearing)", region.regionName());
        assertEquals(3, region.pairs());
        assertEquals((1 + 1 / 3.0 + 0) / 3, region.meanIou().value(), 1e-12);
        assertEquals(1 / 3.0, region.medianIou(), 1e-12);
        assertEquals((1 + 0.5 + 0) / 3, region.meanDice(), 1e-12, "Dice 2 IoU / (1 + IoU): 1, 0.5, 0");
        assertArrayEquals(new int[] {1, 0, 0, 1, 0, 0, 0, 0, 0, 1}, region.iouHistogram());
        assertEquals(List.of(1L, 2L, 3L), region.cases());
        assertTrue(region.meanIou().low() <= region.meanIou().value() && region.meanIou().value() <= region.meanIou().high(),
                region.meanIou().toString());

        ReaderAgreement.FieldAgreement size = agreement.fields().get(0);
        assertEquals("Size of lesion", size.field());
        assertEquals(3, size.pairs());
        assertEquals(100.0 / 3, size.percentAgreement().value(), 1e-9);
        // Four grades 0..3. Pairs (1,1), (2,1), (0,3): A's marginals {0:1, 1:1, 2:1}, B's {1:2, 3:1}.
        // Linear weights |i-j|/3: seen (0 + 1/3 + 1) / 3 = 4/9. Expected: sum over A's i and B's j of
        // w(i,j) * a_i * b_j / 9 = [2*(1/3) + 1*1 + 2*0 + 1*(2/3) + 2*(1/3) + 1*(1/3)] / 9 = (10/3) / 9.
        assertEquals(1 - (4.0 / 9) / ((10.0 / 3) / 9), size.linearKappa().value(), 1e-12);
        assertEquals(3, size.kappa().cases());
    }

    @Test
    void eachReaderAndEachModelIsMeasuredAgainstTheConsensusWhichIsNoReaderOfItsOwn() {
        Protocol knee = ProtocolReader.builtIn("knee-mri");
        Provenance consensus = Provenance.human(org.groundwork.annotate.core.project.Readings.CONSENSUS, Instant.EPOCH);
        CaseAnnotations c = CaseAnnotations.empty(1);
        c = c.apply(new Edit.PutBox(new Box("a", 1, "femur-medial-central", null, new int[] {0, 0, 0}, new int[] {10, 10, 10}, A)));
        c = c.apply(new Edit.PutBox(new Box("b", 1, "femur-medial-central", null, new int[] {5, 0, 0}, new int[] {15, 10, 10}, B)));
        c = c.apply(new Edit.PutBox(new Box("c", 1, "femur-medial-central", null, new int[] {0, 0, 0}, new int[] {10, 10, 10},
                consensus)));
        for (Provenance p : List.of(A, B, consensus)) {
            String q = "q-" + p.author();
            c = c.apply(new Edit.PutQuestion(new Question(q, 1, "femur-medial-central", "q20", "?", p)));
            c = c.apply(new Edit.SetGrade(1, new Grade(q, "Size of lesion", p == B ? 2 : 1, p)));
        }
        c = c.apply(new Edit.AddSuggestions(1, List.of(new org.groundwork.annotate.core.project.Suggestion("s", 1,
                "femur-medial-central", new int[] {0, 0, 0}, new int[] {10, 10, 5}, 0.9, "atlas", "h", 5, Instant.EPOCH,
                org.groundwork.annotate.core.project.Suggestion.Fate.PENDING, null, null, null, "dr.a"))));
        ReaderAgreement agreement = ReaderAgreement.of(knee, List.of(c));

        ReaderAgreement.RegionAgreement region = agreement.regions().get(0);
        assertEquals(1, region.pairs(), "A with B only: the consensus is not a third reader");
        assertEquals(1 / 3.0, region.meanIou().value(), 1e-12);
        Map<String, ReaderAgreement.VersusConsensus> versus = new java.util.TreeMap<>();
        agreement.versusConsensus().forEach(v -> versus.put(v.reader(), v));
        assertEquals(Set.of("dr.a", "dr.b", "model atlas"), versus.keySet());
        assertEquals(1.0, versus.get("dr.a").meanIou().value(), 1e-12);
        assertEquals(1 / 3.0, versus.get("dr.b").meanIou().value(), 1e-12);
        assertEquals(100.0, versus.get("dr.a").percentAgreement().value(), 1e-12);
        assertEquals(0.0, versus.get("dr.b").percentAgreement().value(), 1e-12);
        assertEquals(0.5, versus.get("model atlas").meanIou().value(), 1e-12, "half the consensus box");
        assertTrue(versus.get("model atlas").model());
        assertEquals(0, versus.get("model atlas").gradePairs());
    }
}
