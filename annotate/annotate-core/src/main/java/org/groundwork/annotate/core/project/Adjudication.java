package org.groundwork.annotate.core.project;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.SeverityField;

/**
 * What an adjudicator decides on one case: for every protocol question the readers answered, their
 * boxes (with the IoU between them) and grades side by side, the disagreements marked, and the
 * consensus made from the choices: a reader's box or the union, intersection or mean of all, a grade
 * per field, a reader's reasoning. The consensus is written by {@link Readings#CONSENSUS} and says
 * in a last step where each part came from.
 */
public final class Adjudication {
    /** Boxes of two readers agree when their 3D IoU reaches this. */
    public static final double IOU_AGREEMENT = 0.5;

    /** How the consensus box is made: one reader's, or from all readers' boxes. */
    public enum BoxChoice { READER, UNION, INTERSECTION, MEAN }

    /** One protocol question as the readers answered it. */
    public record Item(String templateId, String regionId, String text, Map<String, Question> answers,
                       Map<String, Box> boxes, double lowestIou, Map<String, Map<String, Integer>> grades) {
        /** Readers' boxes disagree (IoU under {@link #IOU_AGREEMENT}) or only some readers drew one. */
        public boolean boxesDisagree() {
            return boxes.size() > 1 && lowestIou < IOU_AGREEMENT || !boxes.isEmpty() && boxes.size() < answers.size();
        }

        /** The fields whose grades differ between readers, or that some reader left ungraded. */
        public List<String> fieldsInDispute() {
            return grades.entrySet().stream().filter(e -> e.getValue().size() < answers.size()
                    || e.getValue().values().stream().distinct().count() > 1).map(Map.Entry::getKey).toList();
        }
    }

    /** The adjudicator's choice for one item. */
    public record Decision(BoxChoice box, String boxReader, Map<String, Integer> grades, String stepsReader) {
    }

    private Adjudication() {
    }

    /** The items of a case: every protocol question answered by a reader other than the consensus. */
    public static List<Item> items(CaseAnnotations all, Protocol protocol) {
        Map<String, Map<String, Question>> byTemplate = new TreeMap<>();
        all.questions().stream().filter(q -> q.templateId() != null && !Readings.CONSENSUS.equals(q.provenance().author()))
                .sorted(Comparator.comparing(q -> q.provenance().author()))
                .forEach(q -> byTemplate.computeIfAbsent(q.templateId(), t -> new LinkedHashMap<>())
                        .putIfAbsent(q.provenance().author(), q));
        List<Item> items = new ArrayList<>();
        byTemplate.forEach((templateId, answers) -> {
            Question first = answers.values().iterator().next();
            Map<String, Box> boxes = new LinkedHashMap<>();
            for (String reader : answers.keySet()) {
                all.boxes().stream().filter(b -> Objects.equals(b.regionId(), first.regionId())
                        && b.provenance().author().equals(reader)).findFirst().ifPresent(b -> boxes.put(reader, b));
            }
            double lowest = 1;
            List<Box> list = List.copyOf(boxes.values());
            for (int x = 0; x < list.size(); x++) {
                for (int y = x + 1; y < list.size(); y++) {
                    lowest = Math.min(lowest, VoxelExtents.iou(list.get(x).min(), list.get(x).max(), list.get(y).min(),
                            list.get(y).max()));
                }
            }
            Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
            for (SeverityField field : Progress.severity(first, protocol)) {
                Map<String, Integer> byReader = new LinkedHashMap<>();
                answers.forEach((reader, q) -> {
                    Grade g = all.grades(q.id()).get(field.name());
                    if (g != null) {
                        byReader.put(reader, g.value());
                    }
                });
                grades.put(field.name(), byReader);
            }
            String text = protocol.question(templateId).map(t -> t.text()).orElse(first.text()); // the protocol's words
            items.add(new Item(templateId, first.regionId(), text, answers, boxes, lowest, grades));
        });
        return items;
    }

    /** The box a choice makes, as {min, max}; null when the choice gives none (no box, empty intersection). */
    public static int[][] box(Item item, BoxChoice choice, String reader) {
        if (choice == BoxChoice.READER) {
            Box b = item.boxes().get(reader);
            return b == null ? null : new int[][] {b.min().clone(), b.max().clone()};
        }
        List<Box> boxes = List.copyOf(item.boxes().values());
        if (boxes.isEmpty()) {
            return null;
        }
        int[] min = new int[3];
        int[] max = new int[3];
        for (int a = 0; a < 3; a++) {
            final int axis = a;
            IntStream starts = boxes.stream().mapToInt(b -> b.min()[axis]);
            IntStream ends = boxes.stream().mapToInt(b -> b.max()[axis]);
            switch (choice) {
                case UNION -> {
                    min[a] = starts.min().orElseThrow();
                    max[a] = ends.max().orElseThrow();
                }
                case INTERSECTION -> {
                    min[a] = starts.max().orElseThrow();
                    max[a] = ends.min().orElseThrow();
                    if (max[a] <= min[a]) {
                        return null;
                    }
                }
                default -> { // MEAN
                    min[a] = (int) Math.round(starts.average().orElseThrow());
                    max[a] = Math.max(min[a] + 1, (int) Math.round(ends.average().orElseThrow()));
                }
            }
        }
        return new int[][] {min, max};
    }

    /**
     * The edits that write the consensus of one item, replacing an earlier consensus of the same
     * question (its question, box, steps and grades are deleted first).
     */
    public static List<Edit> consensus(CaseAnnotations all, Item item, Decision d, String adjudicator, Instant now) {
        List<Edit> edits = new ArrayList<>();
        long caseId = all.caseId();
        for (Question old : all.questions()) {
            if (Readings.CONSENSUS.equals(old.provenance().author()) && item.templateId().equals(old.templateId())) {
                edits.add(new Edit.DeleteQuestion(caseId, old.id()));
            }
        }
        all.boxes().stream().filter(b -> Readings.CONSENSUS.equals(b.provenance().author())
                && Objects.equals(b.regionId(), item.regionId())).forEach(b -> edits.add(new Edit.DeleteBox(caseId, b.id())));
        Provenance by = Provenance.human(Readings.CONSENSUS, now);
        String questionId = UUID.randomUUID().toString();
        edits.add(new Edit.PutQuestion(new Question(questionId, caseId, item.regionId(), item.templateId(), item.text(), by)));
        int[][] box = box(item, d.box(), d.boxReader());
        String boxId = null;
        String boxFrom = describe(d, item);
        if (box != null) {
            boxId = UUID.randomUUID().toString();
            edits.add(new Edit.PutBox(new Box(boxId, caseId, item.regionId(), null, box[0], box[1], Box.Shape.VOLUME, null, by)));
        }
        Question source = item.answers().get(d.stepsReader());
        List<ReasoningStep> chain = source == null ? List.of() : all.steps(source.id());
        int position = 0;
        for (ReasoningStep s : chain) {
            Evidence evidence = s.evidence() instanceof Evidence.BoxRef && boxId != null ? new Evidence.BoxRef(boxId) : s.evidence();
            edits.add(new Edit.PutStep(caseId, new ReasoningStep(UUID.randomUUID().toString(), questionId, s.text(), evidence, by),
                    position++));
        }
        // In the protocol's field order, so that the record of the consensus reads the same every time.
        Map<String, Integer> chosen = new LinkedHashMap<>();
        item.grades().keySet().stream().filter(d.grades()::containsKey).forEach(f -> chosen.put(f, d.grades().get(f)));
        d.grades().forEach(chosen::putIfAbsent);
        chosen.forEach((field, value) -> edits.add(new Edit.SetGrade(caseId, new Grade(questionId, field, value, by))));
        StringBuilder origin = new StringBuilder("Consensus by " + adjudicator + ": box " + boxFrom);
        chosen.forEach((field, value) -> {
            List<String> agreeing = item.grades().getOrDefault(field, Map.of()).entrySet().stream()
                    .filter(e -> e.getValue().equals(value)).map(Map.Entry::getKey).toList();
            origin.append("; ").append(field).append(' ').append(value).append(agreeing.isEmpty() ? " (adjudicator's own)"
                    : " (as " + String.join(", ", agreeing) + ")");
        });
        origin.append(d.stepsReader() == null ? "." : "; reasoning of " + d.stepsReader() + ".");
        edits.add(new Edit.PutStep(caseId, new ReasoningStep(UUID.randomUUID().toString(), questionId, origin.toString(),
                null, by), position));
        return edits;
    }

    private static String describe(Decision d, Item item) {
        String readers = String.join(", ", item.boxes().keySet());
        return switch (d.box()) {
            case READER -> item.boxes().containsKey(d.boxReader()) ? "of " + d.boxReader() : "none";
            case UNION -> "union of " + readers;
            case INTERSECTION -> "intersection of " + readers;
            case MEAN -> "mean of " + readers;
        };
    }
}
