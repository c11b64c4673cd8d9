package org.groundwork.dataset.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.Readings;
import org.groundwork.annotate.core.project.VoxelExtents;
import org.groundwork.annotate.core.protocol.GradeOption;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.QuestionTemplate;
import org.groundwork.annotate.core.protocol.SeverityField;

/**
 * How well readers agree, from what they answered on the same cases. A reader is the author of an
 * answer. Boxes: for every case and region that two readers both boxed, the 3D IoU and Dice of their
 * first boxes there. Grades: for every protocol question two readers both answered on a case, their
 * grades field by field, as Cohen's kappa (unweighted; linear and quadratic too for ordinal fields,
 * not for nominal ones) and percent agreement.
 * Intervals come from a bootstrap over cases.
 */
public record ReaderAgreement(List<RegionAgreement> regions, List<FieldAgreement> fields,
                               List<VersusConsensus> versusConsensus) {
    /** Histogram bins of IoU: [0, 0.1), [0.1, 0.2) ... [0.9, 1.0]. */
    public static final int IOU_BINS = 10;

    /** Box agreement in one region. */
    public record RegionAgreement(String regionId, String regionName, int pairs, Estimate meanIou, double medianIou,
                                  double meanDice, int[] iouHistogram, List<Long> cases) {
    }

    /** Grade agreement on one severity field; a nominal field has no weighted kappa (NaN). */
    public record FieldAgreement(String field, boolean nominal, int pairs, Estimate percentAgreement, Estimate kappa,
                                 Estimate linearKappa, Estimate quadraticKappa, List<Long> cases) {
    }

    /**
     * One reader (or a model, by its id) against the adjudicated consensus: the IoU of their boxes in
     * the regions the consensus boxed, and their grades against the consensus grades.
     */
    public record VersusConsensus(String reader, boolean model, int boxPairs, Estimate meanIou, int gradePairs,
                                  Estimate percentAgreement, Estimate linearKappa) {
    }

    public boolean isEmpty() {
        return regions.isEmpty() && fields.isEmpty() && versusConsensus.isEmpty();
    }

    public static ReaderAgreement of(Protocol protocol, Collection<CaseAnnotations> cases) {
        Map<String, Map<Long, List<double[]>>> iouByRegion = new TreeMap<>();
        Map<String, Map<Long, List<int[]>>> gradesByField = new TreeMap<>();
        Map<String, SeverityField> fieldScales = new LinkedHashMap<>();
        for (QuestionTemplate t : protocol.questions()) {
            t.severity().forEach(f -> fieldScales.putIfAbsent(f.name(), f));
        }
        for (CaseAnnotations c : cases) {
            // Readers are compared among themselves; the consensus is compared with each of them below.
            CaseAnnotations readings = withoutConsensus(c);
            boxPairs(readings, iouByRegion);
            gradePairs(readings, fieldScales, gradesByField);
        }
        List<RegionAgreement> regions = new ArrayList<>();
        iouByRegion.forEach((region, byCase) -> regions.add(region(protocol, region, byCase)));
        List<FieldAgreement> fields = new ArrayList<>();
        gradesByField.forEach((field, byCase) -> fields.add(field(field, fieldScales.get(field), byCase)));
        return new ReaderAgreement(List.copyOf(regions), List.copyOf(fields), versusConsensus(cases, fieldScales));
    }

    private static CaseAnnotations withoutConsensus(CaseAnnotations c) {
        if (!c.readers().contains(Readings.CONSENSUS)) {
            return c;
        }
        CaseAnnotations kept = c;
        for (Question q : c.readBy(Readings.CONSENSUS).questions()) {
            kept = kept.apply(new Edit.DeleteQuestion(c.caseId(), q.id()));
        }
        for (Box b : c.readBy(Readings.CONSENSUS).boxes()) {
            kept = kept.apply(new Edit.DeleteBox(c.caseId(), b.id()));
        }
        return kept;
    }

    /** Per case (the bootstrap unit): IoU values and grade index pairs of one reader against the consensus. */
    private record CaseVersus(List<Double> ious, List<int[]> grades) {
    }

    private static List<VersusConsensus> versusConsensus(Collection<CaseAnnotations> cases, Map<String, SeverityField> scales) {
        Map<String, List<CaseVersus>> byReader = new TreeMap<>();
        Map<String, Boolean> isModel = new TreeMap<>();
        for (CaseAnnotations c : cases) {
            CaseAnnotations consensus = c.readBy(Readings.CONSENSUS);
            if (consensus.questions().isEmpty()) {
                continue;
            }
            Map<String, Box> truth = new TreeMap<>();
            consensus.boxes().stream().filter(b -> b.regionId() != null).sorted(Comparator.comparing(Box::id))
                    .forEach(b -> truth.putIfAbsent(b.regionId(), b));
            for (String reader : c.readers()) {
                if (reader.equals(Readings.CONSENSUS)) {
                    continue;
                }
                CaseAnnotations own = c.readBy(reader);
                List<Double> ious = new ArrayList<>();
                truth.forEach((region, t) -> own.boxes().stream().filter(b -> region.equals(b.regionId()))
                        .min(Comparator.comparing(Box::id))
                        .ifPresent(b -> ious.add(VoxelExtents.iou(b.min(), b.max(), t.min(), t.max()))));
                List<int[]> grades = new ArrayList<>();
                for (Question q : consensus.questions()) {
                    own.questions().stream().filter(o -> q.templateId() != null && q.templateId().equals(o.templateId()))
                            .findFirst().ifPresent(o -> consensus.grades(q.id()).forEach((field, g) -> {
                                int[] pair = onScale(scales.get(field), own.grades(o.id()).get(field), g);
                                if (pair != null) {
                                    grades.add(pair);
                                }
                            }));
                }
                byReader.computeIfAbsent(reader, r -> new ArrayList<>()).add(new CaseVersus(ious, grades));
                isModel.put(reader, false);
            }
            // The model's proposals, by model: its most confident proposal per region the consensus boxed.
            Map<String, List<Double>> modelIous = new TreeMap<>();
            truth.forEach((region, t) -> c.suggestions().stream().filter(s -> region.equals(s.regionId()))
                    .collect(java.util.stream.Collectors.groupingBy(s -> s.modelId(), TreeMap::new,
                            java.util.stream.Collectors.maxBy(Comparator.comparingDouble(s -> s.confidence()))))
                    .forEach((model, best) -> best.ifPresent(s -> modelIous.computeIfAbsent("model " + model,
                            m -> new ArrayList<>()).add(VoxelExtents.iou(s.min(), s.max(), t.min(), t.max())))));
            modelIous.forEach((model, ious) -> {
                byReader.computeIfAbsent(model, m -> new ArrayList<>()).add(new CaseVersus(ious, List.of()));
                isModel.put(model, true);
            });
        }
        List<VersusConsensus> rows = new ArrayList<>();
        byReader.forEach((reader, units) -> {
            int boxPairs = units.stream().mapToInt(u -> u.ious().size()).sum();
            int gradePairs = units.stream().mapToInt(u -> u.grades().size()).sum();
            int k = scales.values().stream().mapToInt(f -> f.options().size()).max().orElse(2);
            rows.add(new VersusConsensus(reader, isModel.get(reader), boxPairs,
                    Bootstrap.of(units, d -> d.stream().flatMap(u -> u.ious().stream()).mapToDouble(Double::doubleValue)
                            .average().orElse(Double.NaN)),
                    gradePairs,
                    Bootstrap.of(units, d -> Kappa.percentAgreement(d.stream().flatMap(u -> u.grades().stream()).toList())),
                    Bootstrap.of(units, d -> Kappa.of(d.stream().flatMap(u -> u.grades().stream()).toList(), k,
                            Kappa.Weights.LINEAR))));
        });
        return List.copyOf(rows);
    }

    /** Per region, the IoU of each two readers' first boxes; each value is {iou}. */
    private static void boxPairs(CaseAnnotations c, Map<String, Map<Long, List<double[]>>> into) {
        Map<String, Map<String, Box>> firstByRegionAndReader = new TreeMap<>();
        c.boxes().stream().filter(b -> b.regionId() != null).sorted(Comparator.comparing(Box::id))
                .forEach(b -> firstByRegionAndReader.computeIfAbsent(b.regionId(), r -> new TreeMap<>())
                        .putIfAbsent(b.provenance().author(), b));
        firstByRegionAndReader.forEach((region, byReader) -> {
            List<Box> boxes = List.copyOf(byReader.values());
            for (int x = 0; x < boxes.size(); x++) {
                for (int y = x + 1; y < boxes.size(); y++) {
                    double iou = VoxelExtents.iou(boxes.get(x).min(), boxes.get(x).max(), boxes.get(y).min(), boxes.get(y).max());
                    into.computeIfAbsent(region, r -> new TreeMap<>()).computeIfAbsent(c.caseId(), k -> new ArrayList<>())
                            .add(new double[] {iou});
                }
            }
        });
    }

    /** Per field, the grade indices of each two readers who answered the same protocol question. */
    private static void gradePairs(CaseAnnotations c, Map<String, SeverityField> scales,
                                   Map<String, Map<Long, List<int[]>>> into) {
        Map<String, Map<String, Question>> byTemplateAndReader = new TreeMap<>();
        c.questions().stream().filter(q -> q.templateId() != null).sorted(Comparator.comparing(Question::id))
                .forEach(q -> byTemplateAndReader.computeIfAbsent(q.templateId(), t -> new TreeMap<>())
                        .putIfAbsent(q.provenance().author(), q));
        for (Map<String, Question> byReader : byTemplateAndReader.values()) {
            List<Question> answers = List.copyOf(byReader.values());
            for (int x = 0; x < answers.size(); x++) {
                for (int y = x + 1; y < answers.size(); y++) {
                    Map<String, Grade> gy = c.grades(answers.get(y).id());
                    c.grades(answers.get(x).id()).forEach((field, g) -> {
                        int[] pair = onScale(scales.get(field), g, gy.get(field));
                        if (pair != null) {
                            into.computeIfAbsent(field, f -> new TreeMap<>()).computeIfAbsent(c.caseId(), k -> new ArrayList<>())
                                    .add(pair);
                        }
                    });
                }
            }
        }
    }

    /** Two grades of one field as positions on its scale, or null when either is missing or off the scale. */
    private static int[] onScale(SeverityField scale, Grade first, Grade second) {
        if (scale == null || first == null || second == null) {
            return null;
        }
        int a = index(scale, first.value());
        int b = index(scale, second.value());
        return a >= 0 && b >= 0 ? new int[] {a, b} : null;
    }

    /** The position of a value on the field's scale (its options ordered by value), -1 when not on it. */
    private static int index(SeverityField scale, int value) {
        return scale.options().stream().map(GradeOption::value).sorted().toList().indexOf(value);
    }

    private static RegionAgreement region(Protocol protocol, String region, Map<Long, List<double[]>> byCase) {
        List<List<double[]>> units = List.copyOf(byCase.values());
        double[] ious = units.stream().flatMap(List::stream).mapToDouble(v -> v[0]).sorted().toArray();
        int[] histogram = new int[IOU_BINS];
        double dice = 0;
        for (double iou : ious) {
            histogram[Math.min(IOU_BINS - 1, (int) (iou * IOU_BINS))]++;
            dice += 2 * iou / (1 + iou); // boxes: Dice follows from IoU
        }
        double median = ious.length % 2 == 1 ? ious[ious.length / 2] : (ious[ious.length / 2 - 1] + ious[ious.length / 2]) / 2;
        Estimate mean = Bootstrap.of(units, draw -> draw.stream().flatMap(List::stream).mapToDouble(v -> v[0]).average()
                .orElse(Double.NaN));
        return new RegionAgreement(region, protocol.regionName(region), ious.length, mean, median, dice / ious.length,
                histogram, List.copyOf(byCase.keySet()));
    }

    private static FieldAgreement field(String field, SeverityField scale, Map<Long, List<int[]>> byCase) {
        List<List<int[]>> units = List.copyOf(byCase.values());
        int k = scale.options().size();
        int pairs = units.stream().mapToInt(List::size).sum();
        Estimate none = new Estimate(Double.NaN, Double.NaN, Double.NaN, units.size());
        return new FieldAgreement(field, scale.nominal(), pairs, over(units, Kappa::percentAgreement),
                over(units, p -> Kappa.of(p, k, Kappa.Weights.NONE)),
                scale.nominal() ? none : over(units, p -> Kappa.of(p, k, Kappa.Weights.LINEAR)),
                scale.nominal() ? none : over(units, p -> Kappa.of(p, k, Kappa.Weights.QUADRATIC)),
                List.copyOf(byCase.keySet()));
    }

    private static Estimate over(List<List<int[]>> units, ToDoubleFunction<List<int[]>> statistic) {
        return Bootstrap.of(units, draw -> statistic.applyAsDouble(draw.stream().flatMap(List::stream).toList()));
    }
}
