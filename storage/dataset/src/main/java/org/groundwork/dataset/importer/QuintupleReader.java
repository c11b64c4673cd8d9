package org.groundwork.dataset.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.groundwork.annotate.core.project.Evidence;

/**
 * Reads Groundwork's own export: {@code quintuples.jsonl}, one record per case and question, with the
 * exported NIfTI volumes beside it. Boxes come back from {@code voxel_min}/{@code voxel_max}, steps with
 * their evidence, grades from {@code severity}.
 */
final class QuintupleReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuintupleReader() {
    }

    static DatasetReadResult read(Path file) throws IOException {
        List<ImportedReading> readings = new ArrayList<>();
        List<DatasetReadResult.Skipped> skipped = new ArrayList<>();
        Path base = file.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(file);
        for (int n = 0; n < lines.size(); n++) {
            String where = file.getFileName() + " line " + (n + 1);
            if (lines.get(n).isBlank()) {
                continue;
            }
            try {
                readings.add(record(JSON.readTree(lines.get(n)), base, file, where, skipped));
            } catch (IOException e) {
                skipped.add(new DatasetReadResult.Skipped(where, Records.notJson(e)));
            } catch (BadRecord e) {
                skipped.add(new DatasetReadResult.Skipped(where, e.getMessage()));
            }
        }
        return new DatasetReadResult(readings, skipped);
    }

    private static ImportedReading record(JsonNode r, Path base, Path file, String where,
                                          List<DatasetReadResult.Skipped> skipped) throws BadRecord {
        Path image = Records.image(r.path("image").asText(""), base);
        List<int[][]> boxes = new ArrayList<>();
        Map<String, Integer> boxIndex = new LinkedHashMap<>();
        for (JsonNode b : r.path("boxes")) {
            int[] min = Records.ints(b.path("voxel_min"), 3);
            int[] max = Records.ints(b.path("voxel_max"), 3);
            if (min == null || max == null || !Records.ordered(min, max)) {
                skipped.add(new DatasetReadResult.Skipped(where, "a box without valid voxel_min/voxel_max was left out"));
                continue;
            }
            boxIndex.put(b.path("id").asText(String.valueOf(boxes.size())), boxes.size());
            boxes.add(new int[][] {min, max});
        }
        List<ImportedReading.Step> steps = new ArrayList<>();
        for (JsonNode s : r.path("reasoning")) {
            JsonNode e = s.path("evidence");
            String type = e.path("type").asText("");
            Integer box = type.equals("box") ? boxIndex.get(e.path("box_id").asText()) : null;
            Evidence.ViewBookmark view = type.equals("view") ? view(e) : null;
            steps.add(new ImportedReading.Step(s.path("text").asText(""), box, view));
        }
        Map<String, Integer> grades = new LinkedHashMap<>();
        r.path("severity").fields().forEachRemaining(f -> {
            if (f.getValue().canConvertToInt()) {
                grades.put(f.getKey(), f.getValue().asInt());
            }
        });
        JsonNode annotators = r.path("provenance").path("annotators");
        String source = "imported: " + file.getFileName()
                + (annotators.isArray() && !annotators.isEmpty() ? " (" + annotators.get(0).asText() + ")" : "");
        return new ImportedReading(image, source, Records.textOrNull(r.path("question_id")),
                Records.textOrNull(r.path("region")), r.path("question").asText(""), boxes, steps, grades, where);
    }

    private static Evidence.ViewBookmark view(JsonNode e) {
        double[] lps = new double[3];
        for (int a = 0; a < 3; a++) {
            lps[a] = e.path("lps_mm").path(a).asDouble();
        }
        return new Evidence.ViewBookmark(e.path("plane").asText("axial").toUpperCase(Locale.ROOT), e.path("slice").asInt(),
                e.path("window").path(0).asDouble(), e.path("window").path(1).asDouble(), lps);
    }
}
