package org.groundwork.dataset.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.QuestionTemplate;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.io.SeriesSummary;
import org.groundwork.viewer.core.nifti.NiftiReader;

/**
 * Reads 3DReasonKnee-style records (a JSON array or JSON lines): {@code image}, the question as
 * {@code prompt} or {@code question}, and an {@code answer} whose reasoning ends in "Final diagnosis:"
 * and a JSON object with {@code bbox} [s0, s1, x0, x1, y0, y1] and the MOAKS scores under
 * {@code MOAKS_scores}, {@code MOAKS_grade}, {@code severity} or no outer key.
 *
 * <p>The box's slice axis is the one 3DReasonKnee's loader puts first: axis 0 when the volume has
 * 160 slices there, else axis 2 (its {@code transpose(2, 0, 1)}), with x and y the other two in order.
 * Ends are taken as exclusive, as Groundwork writes them; 3DReasonKnee does not say.
 */
final class ReasonKneeReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINAL = "Final diagnosis:";
    private static final Pattern STEP = Pattern.compile("(?:^|\\s)Step \\d+:\\s*");
    private static final int REASONKNEE_SLICES = 160;

    private ReasonKneeReader() {
    }

    static DatasetReadResult read(Path file, Protocol protocol) throws IOException {
        List<ImportedReading> readings = new ArrayList<>();
        List<DatasetReadResult.Skipped> skipped = new ArrayList<>();
        Path base = file.toAbsolutePath().getParent();
        List<JsonNode> records = new ArrayList<>();
        List<String> places = new ArrayList<>();
        String text = Files.readString(file);
        if (text.stripLeading().startsWith("[")) {
            JsonNode all = JSON.readTree(text);
            for (int n = 0; n < all.size(); n++) {
                records.add(all.get(n));
                places.add(file.getFileName() + " record " + (n + 1));
            }
        } else {
            String[] lines = text.split("\n");
            for (int n = 0; n < lines.length; n++) {
                if (lines[n].isBlank()) {
                    continue;
                }
                try {
                    records.add(JSON.readTree(lines[n]));
                    places.add(file.getFileName() + " line " + (n + 1));
                } catch (IOException e) {
                    skipped.add(new DatasetReadResult.Skipped(file.getFileName() + " line " + (n + 1), Records.notJson(e)));
                }
            }
        }
        for (int n = 0; n < records.size(); n++) {
            try {
                readings.add(record(records.get(n), base, file, places.get(n), protocol, skipped));
            } catch (BadRecord e) {
                skipped.add(new DatasetReadResult.Skipped(places.get(n), e.getMessage()));
            }
        }
        return new DatasetReadResult(readings, skipped);
    }

    private static ImportedReading record(JsonNode r, Path base, Path file, String where, Protocol protocol,
                                          List<DatasetReadResult.Skipped> skipped) throws BadRecord {
        Path image = Records.image(r.path("image").asText(""), base);
        String answer = r.path("answer").asText(r.path("generated_text").asText(""));
        int at = answer.lastIndexOf(FINAL);
        if (at < 0) {
            throw new BadRecord("its answer has no \"" + FINAL + "\"");
        }
        JsonNode diagnosis = firstJson(answer.substring(at + FINAL.length()));
        if (diagnosis == null || !diagnosis.isObject()) {
            throw new BadRecord("the text after \"" + FINAL + "\" is not a JSON object");
        }
        String question = r.path("prompt").asText(r.path("question").asText("")).replaceAll("<[^>]*>", "").strip();
        Scores scores = scores(diagnosis);
        QuestionTemplate template = TemplateMatcher.match(protocol, scores.fields().keySet(), scores.name() + " " + question);
        if (template == null && !scores.fields().isEmpty()) {
            skipped.add(new DatasetReadResult.Skipped(where, "grades " + scores.fields().keySet()
                    + " left out: no protocol question grades those fields for \"" + scores.name() + "\""));
        }
        List<int[][]> boxes = new ArrayList<>();
        JsonNode bbox = diagnosis.path("bbox");
        if (!bbox.isMissingNode()) {
            int[] sliceFirst = Records.ints(bbox, 6);
            int[][] box = sliceFirst == null ? null : voxels(sliceFirst, image);
            if (box == null) {
                skipped.add(new DatasetReadResult.Skipped(where, "its bbox " + bbox + " is not [s0, s1, x0, x1, y0, y1] "
                        + "inside the image; the box was left out"));
            } else {
                boxes.add(box);
            }
        }
        List<ImportedReading.Step> steps = new ArrayList<>();
        for (String step : STEP.split(answer.substring(0, at))) {
            if (!step.isBlank()) {
                steps.add(new ImportedReading.Step(step.strip(), boxes.isEmpty() ? null : 0, null));
            }
        }
        return new ImportedReading(image, "imported: " + file.getFileName(), template == null ? null : template.id(),
                template == null ? null : template.region(), question, boxes, steps,
                template == null ? Map.of() : scores.fields(), where);
    }

    /** The first JSON value in the text; what follows it is ignored, as 3DReasonKnee's inference does. */
    private static JsonNode firstJson(String text) {
        try (JsonParser parser = JSON.createParser(text.strip())) {
            return JSON.readTree(parser);
        } catch (IOException e) {
            return null;
        }
    }

    /** MOAKS scores: the name they were given (empty without one) and field to grade. */
    private record Scores(String name, Map<String, Integer> fields) {
    }

    private static Scores scores(JsonNode diagnosis) {
        JsonNode scores = diagnosis;
        for (String key : List.of("MOAKS_scores", "MOAKS_grade", "severity")) {
            if (diagnosis.has(key)) {
                scores = diagnosis.get(key);
                break;
            }
        }
        Map<String, Integer> fields = grades(scores);
        if (fields.isEmpty()) {
            // {"femur medial central cartilage lesion": {"Size of lesion": 2, ...}}: the fields sit one level down.
            List<Map.Entry<String, JsonNode>> named = new ArrayList<>();
            scores.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    named.add(e);
                }
            });
            if (named.size() == 1) {
                return new Scores(named.get(0).getKey(), grades(named.get(0).getValue()));
            }
        }
        return new Scores("", fields);
    }

    private static Map<String, Integer> grades(JsonNode node) {
        Map<String, Integer> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("bbox") && f.getValue().canConvertToInt()) {
                fields.put(f.getKey(), f.getValue().asInt());
            }
        });
        return fields;
    }

    /** [s0, s1, x0, x1, y0, y1] as voxel corners (i, j, k) on the image's own grid, or null outside it. */
    private static int[][] voxels(int[] b, Path image) throws BadRecord {
        SeriesSummary header;
        try {
            header = NiftiReader.summarize(image);
        } catch (BadInputException e) {
            throw new BadRecord("its image cannot be read: " + e.reason());
        }
        int[] dims = {header.columns(), header.rows(), header.slices()};
        boolean slicesFirst = dims[0] == REASONKNEE_SLICES && dims[2] != REASONKNEE_SLICES;
        int[] axisOf = slicesFirst ? new int[] {0, 1, 2} : new int[] {2, 0, 1}; // of s, x, y
        int[] min = new int[3];
        int[] max = new int[3];
        for (int n = 0; n < 3; n++) {
            min[axisOf[n]] = b[2 * n];
            max[axisOf[n]] = b[2 * n + 1];
        }
        for (int a = 0; a < 3; a++) {
            if (max[a] > dims[a]) {
                return null;
            }
        }
        return Records.ordered(min, max) ? new int[][] {min, max} : null;
    }
}
