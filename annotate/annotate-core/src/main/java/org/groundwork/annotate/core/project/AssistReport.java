package org.groundwork.annotate.core.project;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the model's proposals fared and how much they swayed the readers. Acceptance counts accepted
 * and edited proposals among the decided ones; the IoU is between a proposal and the box kept from
 * it. In blind-first mode each revealed proposal is compared with the reader's own box before and
 * after they saw it: a positive move means their box came closer to the proposal, and a poor
 * proposal (IoU under 0.5 with the reader's own box) that was accepted anyway is a sign of
 * automation bias.
 *
 * @param meanFinalIou NaN when nothing was accepted or edited
 * @param meanMoveTowardProposal NaN when no revealed proposal has a reader's box left to compare
 */
public record AssistReport(int proposals, int pending, int accepted, int edited, int rejected, double meanFinalIou,
                           int revealed, double meanMoveTowardProposal, int poorRevealed, int poorAccepted,
                           List<RegionOutcome> regions) {
    /** Below this IoU with the reader's own box a proposal counts as poor. */
    public static final double POOR = 0.5;
    /** How many of the least taken regions the report's text names. */
    static final int LEAST_TAKEN_SHOWN = 5;

    /**
     * How one region's proposals fared: made, taken (accepted or edited), rejected, and the mean IoU of
     * a taken proposal to the box kept (NaN when none was taken).
     */
    public record RegionOutcome(String regionId, int proposals, int taken, int rejected, double meanKeptIou) {
        /** Taken among the decided; NaN when none was decided. */
        public double takenShare() {
            return taken + rejected == 0 ? Double.NaN : (double) taken / (taken + rejected);
        }
    }

    public AssistReport {
        regions = List.copyOf(regions);
    }

    public static AssistReport of(Collection<CaseAnnotations> cases) {
        int proposals = 0, pending = 0, accepted = 0, edited = 0, rejected = 0, revealed = 0, moved = 0;
        int poorRevealed = 0, poorAccepted = 0;
        double iouSum = 0, moveSum = 0;
        Map<String, double[]> byRegion = new TreeMap<>(); // made, taken, rejected, IoU sum of the taken
        for (CaseAnnotations c : cases) {
            for (Suggestion s : c.suggestions()) {
                proposals++;
                double[] region = byRegion.computeIfAbsent(s.regionId(), r -> new double[4]);
                region[0]++;
                switch (s.fate()) {
                    case PENDING -> pending++;
                    case ACCEPTED -> accepted++;
                    case EDITED -> edited++;
                    case REJECTED -> rejected++;
                }
                boolean taken = s.fate() == Suggestion.Fate.ACCEPTED || s.fate() == Suggestion.Fate.EDITED;
                if (taken && s.finalIou() != null) {
                    iouSum += s.finalIou();
                    region[3] += s.finalIou();
                }
                region[1] += taken ? 1 : 0;
                region[2] += s.fate() == Suggestion.Fate.REJECTED ? 1 : 0;
                int[] blind = s.blind();
                if (blind == null) {
                    continue;
                }
                revealed++;
                int[] blindMin = {blind[0], blind[1], blind[2]};
                int[] blindMax = {blind[3], blind[4], blind[5]};
                double before = s.iou(blindMin, blindMax);
                if (before < POOR) {
                    poorRevealed++;
                    poorAccepted += taken ? 1 : 0;
                }
                Optional<Box> now = readersBox(c, s, blindMin, blindMax);
                if (now.isPresent()) {
                    moveSum += s.iou(now.get().min(), now.get().max()) - before;
                    moved++;
                }
            }
        }
        int taken = accepted + edited;
        List<RegionOutcome> regions = byRegion.entrySet().stream().map(e -> new RegionOutcome(e.getKey(),
                (int) e.getValue()[0], (int) e.getValue()[1], (int) e.getValue()[2],
                e.getValue()[1] == 0 ? Double.NaN : e.getValue()[3] / e.getValue()[1])).toList();
        return new AssistReport(proposals, pending, accepted, edited, rejected, taken == 0 ? Double.NaN : iouSum / taken,
                revealed, moved == 0 ? Double.NaN : moveSum / moved, poorRevealed, poorAccepted, regions);
    }

    /** The reader's own box of the proposal's region as it is now: the one overlapping their blind box most. */
    private static Optional<Box> readersBox(CaseAnnotations c, Suggestion s, int[] blindMin, int[] blindMax) {
        return c.boxes().stream().filter(b -> s.regionId().equals(b.regionId()))
                .filter(b -> b.provenance().origin() == Provenance.Origin.HUMAN)
                .max(Comparator.comparingDouble(b -> VoxelExtents.iou(blindMin, blindMax, b.min(), b.max())));
    }

    /** Accepted or edited among the decided proposals; NaN when none was decided. */
    public double acceptanceRate() {
        int decided = accepted + edited + rejected;
        return decided == 0 ? Double.NaN : (double) (accepted + edited) / decided;
    }

    /** The report as lines for a dialog or a dataset card. */
    public String text() {
        return String.format(Locale.ROOT, """
                Proposals: %d (%d pending, %d accepted, %d edited, %d rejected)
                Acceptance rate: %s of decided proposals
                Mean IoU of a taken proposal to the box kept: %s
                Blind-first: %d proposal(s) revealed after the reader's own box; mean move of the reader's box toward the proposal: %s (IoU)
                Poor proposals (IoU < %.1f with the reader's own box) accepted anyway: %d of %d
                Least taken regions (taken of decided proposals): %s""",
                proposals, pending, accepted, edited, rejected, percent(acceptanceRate()), number(meanFinalIou),
                revealed, signed(meanMoveTowardProposal), POOR, poorAccepted, poorRevealed, leastTaken());
    }

    /** "pcl 0% of 3, acl 50% of 4": the regions whose decided proposals were taken least, worst first. */
    private String leastTaken() {
        List<RegionOutcome> decided = regions.stream().filter(r -> !Double.isNaN(r.takenShare()))
                .sorted(Comparator.comparingDouble(RegionOutcome::takenShare).thenComparing(RegionOutcome::regionId))
                .limit(LEAST_TAKEN_SHOWN).toList();
        if (decided.isEmpty()) {
            return "-";
        }
        return String.join(", ", decided.stream().map(r -> r.regionId() + " " + percent(r.takenShare()) + " of "
                + (r.taken() + r.rejected())).toList());
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.2f", v);
    }
}
