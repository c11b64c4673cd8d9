package org.groundwork.dataset.export.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Progress;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.SeverityField;

/**
 * The quintuple of one (case, question): volume, question, 3D box, reasoning steps, severity, with
 * provenance. Also renders the answer text that SFT formats train on.
 */
public final class Quintuples {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Protocol protocol;
    private final Pseudonyms pseudonyms;
    private final boolean withMasks;

    public Quintuples(Protocol protocol, Pseudonyms pseudonyms, boolean withMasks) {
        this.protocol = protocol;
        this.pseudonyms = pseudonyms;
        this.withMasks = withMasks;
    }

    /** The question's boxes: those of its region (the first is "the" box of the quintuple). */
    public static List<Box> boxesOf(CaseAnnotations a, Question q) {
        List<Box> region = a.boxes().stream().filter(b -> q.regionId() != null && q.regionId().equals(b.regionId())).toList();
        // Where several readers boxed the region, a reader's answer keeps their own boxes.
        List<Box> own = region.stream().filter(b -> b.provenance().author().equals(q.provenance().author())).toList();
        return own.isEmpty() ? region : own;
    }

    /** Severity as the protocol's fields in order, each with its value or null when ungraded. */
    public ObjectNode severity(CaseAnnotations a, Question q) {
        ObjectNode node = JSON.objectNode();
        Map<String, Grade> grades = a.grades(q.id());
        for (SeverityField field : Progress.severity(q, protocol)) {
            Grade g = grades.get(field.name());
            if (g == null) {
                node.putNull(field.name());
            } else {
                node.put(field.name(), g.value());
            }
        }
        return node;
    }

    /**
     * A record's id: the case and the protocol question, or "free-" and the start of the question's
     * own id (whole when short: ids imported from other datasets can be any length).
     */
    public static String recordId(ExportCase c, Question q) {
        String own = q.id().length() > 8 ? q.id().substring(0, 8) : q.id();
        return c.name() + "-" + (q.templateId() != null ? q.templateId() : "free-" + own);
    }

    public ObjectNode record(ExportCase c, Question q) {
        CaseAnnotations a = c.annotations();
        ObjectNode r = JSON.objectNode();
        r.put("id", recordId(c, q));
        r.put("case", c.name());
        r.put("patient", c.patient());
        r.put("split", c.split());
        r.put("image", c.image());
        if (withMasks) {
            r.put("mask", c.mask());
        }
        r.put("modality", c.modality());
        r.put("question_id", q.templateId());
        r.put("question", q.text());
        r.put("region", q.regionId());
        r.put("region_name", protocol.regionName(q.regionId()));
        List<Box> boxes = boxesOf(a, q);
        r.set("box", boxes.isEmpty() ? JSON.nullNode() : BoxJson.of(boxes.get(0), c.voxelToLps(), regionName(boxes.get(0))));
        ArrayNode all = r.putArray("boxes");
        boxes.forEach(b -> all.add(BoxJson.of(b, c.voxelToLps(), regionName(b))));
        ArrayNode steps = r.putArray("reasoning");
        List<ReasoningStep> chain = a.steps(q.id());
        for (int i = 0; i < chain.size(); i++) {
            ObjectNode step = steps.addObject();
            step.put("step", i + 1);
            step.put("text", chain.get(i).text());
            step.set("evidence", evidence(c, chain.get(i).evidence()));
        }
        r.set("severity", severity(a, q));
        r.put("complete", Progress.missing(a, q, protocol).isEmpty());
        r.put("answer", answer(c, q));
        r.set("provenance", provenance(a, q));
        return r;
    }

    private String regionName(Box b) {
        return protocol.regionName(b.regionId());
    }

    private ObjectNode evidence(ExportCase c, Evidence evidence) {
        if (evidence == null) {
            return null;
        }
        ObjectNode node = JSON.objectNode();
        if (evidence instanceof Evidence.BoxRef ref) {
            node.put("type", "box");
            node.put("box_id", ref.boxId());
            c.annotations().box(ref.boxId()).ifPresent(b -> node.set("slice_first", BoxJson.ints(BoxJson.sliceFirst(b))));
        } else if (evidence instanceof Evidence.ViewBookmark view) {
            node.put("type", "view");
            node.put("plane", view.plane().toLowerCase(java.util.Locale.ROOT));
            node.put("slice", view.slice());
            node.set("window", BoxJson.numbers(new double[] {view.windowCenter(), view.windowWidth()}));
            node.set("lps_mm", BoxJson.numbers(view.lps()));
            double[] voxel = c.voxelToLps().inverse().apply(view.lps()[0], view.lps()[1], view.lps()[2]);
            node.set("voxel", BoxJson.numbers(voxel));
        }
        return node;
    }

    /**
     * The answer as 3DReasonKnee writes it: the steps, then "Final diagnosis:" and a JSON object with
     * the slice-first box and the severity.
     */
    public String answer(ExportCase c, Question q) {
        StringBuilder text = new StringBuilder();
        List<ReasoningStep> chain = c.annotations().steps(q.id());
        for (int i = 0; i < chain.size(); i++) {
            text.append("Step ").append(i + 1).append(": ").append(chain.get(i).text()).append('\n');
        }
        ObjectNode diagnosis = JSON.objectNode();
        List<Box> boxes = boxesOf(c.annotations(), q);
        if (!boxes.isEmpty()) {
            diagnosis.set("bbox", BoxJson.ints(BoxJson.sliceFirst(boxes.get(0))));
        }
        diagnosis.set("severity", severity(c.annotations(), q));
        return text.append("Final diagnosis: ").append(diagnosis).toString();
    }

    private ObjectNode provenance(CaseAnnotations a, Question q) {
        Set<String> annotators = new LinkedHashSet<>();
        Map<String, Integer> origins = new LinkedHashMap<>();
        java.util.function.Consumer<Provenance> count = p -> {
            annotators.add(pseudonyms.annotator(p.author()));
            origins.merge(p.origin().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        };
        count.accept(q.provenance());
        boxesOf(a, q).forEach(b -> count.accept(b.provenance()));
        a.steps(q.id()).forEach(s -> count.accept(s.provenance()));
        a.grades(q.id()).values().forEach(g -> count.accept(g.provenance()));
        ObjectNode node = JSON.objectNode();
        ArrayNode names = node.putArray("annotators");
        annotators.forEach(names::add);
        node.put("model_assisted", origins.keySet().stream().anyMatch(o -> o.startsWith("model")));
        ObjectNode byOrigin = node.putObject("origins");
        origins.forEach(byOrigin::put);
        return node;
    }
}
