package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.dataset.export.ExportFixtures;
import org.groundwork.testing.RunningApp;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.storage.SqliteProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-dataset}: datasets made elsewhere become readings to review, and export back unchanged. */
class ImportDatasetCommandTest extends CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anExportImportedAndExportedAgainGivesTheSameRecords() throws Exception {
        Path project = demoProject();
        Path first = tmp.resolve("first");
        assertEquals(0, run("export", project.toString(), "--out", first.toString(), "--only-complete"), err.toString());

        Path review = tmp.resolve("review");
        assertEquals(0, run("import-dataset", review.toString(), first.toString()), err.toString());
        assertTrue(out.toString().startsWith("read 10 reading(s) from " + first + " (groundwork); 2 new case(s) with 2 "
                + "image(s)"), out.toString());
        assertTrue(out.toString().contains("wrote 10 reading(s): 10 box(es), 20 step(s), 18 grade(s)"), out.toString());
        try (SqliteProjectStore store = SqliteProjectStore.open(review, SqliteProjectStore.Mode.READ_ONLY)) {
            for (CaseAnnotations c : store.annotations().values()) {
                for (Question q : c.questions()) {
                    assertTrue(q.provenance().author().startsWith("imported: quintuples.jsonl (reader-"), q.toString());
                }
            }
        }
        Path second = tmp.resolve("second");
        assertEquals(0, run("export", review.toString(), "--out", second.toString()), err.toString());
        assertEquals(comparable(first), comparable(second));

        // Importing the same dataset again adds nothing.
        assertEquals(0, run("import-dataset", review.toString(), first.toString()), err.toString());
        assertTrue(out.toString().contains("wrote 0 reading(s)"), out.toString());
        assertTrue(out.toString().contains("already imported"), out.toString());
    }

    /** The demo on a small grid: two example readings with boxes, steps with box and view evidence, every grade. */
    private Path demoProject() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        try {
            return DemoProject.ensure(tmp.resolve("demo"), LoadMonitor.NONE);
        } finally {
            RunningApp.forgetDemo();
        }
    }

    /** The demo's two example readings exported in every format. */
    private Path exportedDemo() throws Exception {
        Path project = demoProject();
        Path dataset = tmp.resolve("all-formats");
        assertEquals(0, run("export", project.toString(), "--out", dataset.toString(), "--only-complete", "--format", "all"),
                err.toString());
        return dataset;
    }

    /** Every box of a project as "region min max", sorted: what survives whatever the case is called. */
    private static List<String> boxes(Path project) throws Exception {
        List<String> boxes = new ArrayList<>();
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            for (CaseAnnotations c : store.annotations().values()) {
                c.boxes().forEach(b -> boxes.add(b.regionId() + " " + java.util.Arrays.toString(b.min()) + " "
                        + java.util.Arrays.toString(b.max())));
            }
        }
        boxes.sort(null);
        return boxes;
    }

    @Test
    void slicerMarkupsAndMonaiDatalistsComeBackAsTheSameBoxes() throws Exception {
        Path dataset = exportedDemo();
        Path direct = tmp.resolve("direct");
        assertEquals(0, run("import-dataset", direct.toString(), dataset.toString(), "--format", "groundwork"), err.toString());
        List<String> expected = boxes(direct);
        assertEquals(10, expected.size(), expected.toString());

        Path viaSlicer = tmp.resolve("via-slicer");
        assertEquals(0, run("import-dataset", viaSlicer.toString(), dataset.resolve("markups").toString()), err.toString());
        assertTrue(out.toString().startsWith("read 10 reading(s) from " + dataset.resolve("markups") + " (slicer)"), out.toString());
        assertEquals(expected, boxes(viaSlicer), "ROIs in millimetres back to the same voxels");

        Path viaMonai = tmp.resolve("via-monai");
        assertEquals(0, run("import-dataset", viaMonai.toString(), dataset.resolve("dataset.json").toString()), err.toString());
        assertTrue(out.toString().startsWith("read 10 reading(s) from " + dataset.resolve("dataset.json") + " (monai)"),
                out.toString());
        assertEquals(expected, boxes(viaMonai));

        // 3DReasonKnee-style reading of Groundwork's own answers: the same boxes from [s0, s1, x0, x1, y0, y1].
        Path viaAnswers = tmp.resolve("via-answers");
        assertEquals(0, run("import-dataset", viaAnswers.toString(), dataset.resolve("quintuples.jsonl").toString(),
                "--format", "reasonknee"), err.toString());
        assertTrue(out.toString().contains("wrote 10 reading(s): 10 box(es), 20 step(s), 18 grade(s)"), out.toString());
        assertEquals(expected, boxes(viaAnswers));
    }

    /**
     * The records with what must survive a round trip: questions, boxes in voxels, steps with their
     * evidence, grades and the answer text. Ids, pseudonyms, splits and provenance aside, and what the
     * exported NIfTI keeps only to float precision (millimetre frames) or not at all (modality).
     */
    private static List<String> comparable(Path dataset) throws Exception {
        List<String> records = new ArrayList<>();
        for (String line : Files.readAllLines(dataset.resolve("quintuples.jsonl"))) {
            ObjectNode r = (ObjectNode) JSON.readTree(line);
            r.remove(List.of("id", "case", "patient", "split", "image", "mask", "provenance", "modality"));
            for (JsonNode box : r.withArray("boxes")) {
                ((ObjectNode) box).remove(List.of("id", "lps_mm", "ras_mm"));
            }
            if (r.get("box").isObject()) {
                ((ObjectNode) r.get("box")).remove(List.of("id", "lps_mm", "ras_mm"));
            }
            for (JsonNode step : r.withArray("reasoning")) {
                if (step.get("evidence").isObject()) {
                    ((ObjectNode) step.get("evidence")).remove(List.of("box_id", "voxel"));
                }
            }
            records.add(r.toString());
        }
        records.sort(null);
        return records;
    }

    @Test
    void reasonKneeRecordsBecomeReadingsOnTheirQuestionsWithTheBoxOnTheRightAxes() throws Exception {
        Path project = ExportFixtures.project(tmp);
        Path exported = tmp.resolve("exported");
        assertEquals(0, run("export", project.toString(), "--out", exported.toString()), err.toString());
        // Records as 3DReasonKnee writes them, on one of the exported volumes (16 x 16 x 12, slices on axis 2).
        String image = JSON.readTree(Files.readAllLines(exported.resolve("quintuples.jsonl")).get(0)).get("image").asText();
        Path records = exported.resolve("train.json");
        Files.writeString(records, "[" + String.join(",",
                record(image, "Can you diagnose cartilage lesions in the femur medial central subregion?",
                        "Step 1: find the condyle. Step 2: thin cartilage. Final diagnosis: {\"bbox\":[2,9,3,15,4,12],"
                                + "\"MOAKS_scores\":{\"femur medial central cartilage lesion\":{\"Size of lesion\":2,"
                                + "\"Depth of lesion\":1}}}"),
                record(image, "Is there effusion?", "Step 1: look. Final diagnosis: {\"MOAKS_grade\":{\"effusion-synovitis\":"
                        + "{\"grade\":1}}}"),
                record(image, "Meniscus?", "No final answer here"),
                record("images/missing.nii.gz", "x", "Final diagnosis: {}"),
                record(image, "Cartilage, somewhere?", "Final diagnosis: {\"bbox\":[2,90,3,15,4,12],\"Size of lesion\":1}"))
                + "]");
        Path review = tmp.resolve("review");
        assertEquals(0, run("import-dataset", review.toString(), records.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("read 3 reading(s) from " + records + " (reasonknee)"), text);
        assertTrue(text.contains("skipped: train.json record 3: its answer has no \"Final diagnosis:\""), text);
        assertTrue(text.contains("skipped: train.json record 4: its image " + exported.resolve("images/missing.nii.gz")
                + " does not exist"), text);
        assertTrue(text.contains("skipped: train.json record 5: its bbox [2,90,3,15,4,12] is not [s0, s1, x0, x1, y0, y1] "
                + "inside the image"), text);
        assertTrue(text.contains("skipped: train.json record 5: grades [Size of lesion] left out: no protocol question"),
                text);

        try (SqliteProjectStore store = SqliteProjectStore.open(review, SqliteProjectStore.Mode.READ_ONLY)) {
            CaseAnnotations c = store.annotations().values().stream().filter(a -> !a.questions().isEmpty())
                    .findFirst().orElseThrow();
            Question cartilage = c.questions().stream().filter(q -> "q20".equals(q.templateId())).findFirst().orElseThrow();
            assertEquals("femur-medial-central", cartilage.regionId());
            assertEquals("imported: train.json", cartilage.provenance().author());
            assertEquals(2, c.steps(cartilage.id()).size());
            assertEquals("thin cartilage.", c.steps(cartilage.id()).get(1).text());
            assertEquals(Map.of("Size of lesion", 2, "Depth of lesion", 1), Map.of(
                    "Size of lesion", c.grades(cartilage.id()).get("Size of lesion").value(),
                    "Depth of lesion", c.grades(cartilage.id()).get("Depth of lesion").value()));
            // [s0, s1, x0, x1, y0, y1] = [2, 9, 3, 15, 4, 12]: slices on axis 2, x on axis 0, y on axis 1.
            var box = c.boxes().stream().filter(b -> "femur-medial-central".equals(b.regionId())).findFirst().orElseThrow();
            assertEquals(List.of(3, 4, 2), List.of(box.min()[0], box.min()[1], box.min()[2]));
            assertEquals(List.of(15, 12, 9), List.of(box.max()[0], box.max()[1], box.max()[2]));
            assertTrue(c.questions().stream().anyMatch(q -> "q43".equals(q.templateId())), "effusion under MOAKS_grade");
        }
    }

    private static String record(String image, String prompt, String answer) throws Exception {
        ObjectNode r = JSON.createObjectNode();
        r.put("image", image);
        r.put("prompt", prompt);
        r.put("answer", answer);
        return JSON.writeValueAsString(r);
    }
}
