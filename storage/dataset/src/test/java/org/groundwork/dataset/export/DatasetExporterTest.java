package org.groundwork.dataset.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.nifti.NiftiReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetExporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ExportReport export(Path project, ExportOptions options) throws Exception {
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            return DatasetExporter.export(store, options, LoadMonitor.NONE);
        }
    }

    private static List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    @Test
    void everyFormatIsWrittenWithSplitsByPatientAndTheBoxOnTheExportedGrid() throws Exception {
        Path project = ExportFixtures.project(tmp);
        Path out = tmp.resolve("dataset");
        ExportReport report = export(project, ExportOptions.of(out, EnumSet.allOf(ExportFormat.class)));
        assertEquals(5, report.cases());
        assertEquals(4, report.patients());
        assertEquals(6, report.records(), "one record per (case, question); case 5 has two readers");
        for (String file : List.of("quintuples.jsonl", "dataset.json", "labels.json", "README.md", "sft-llava.json",
                "coco/annotations.json", "plots/grades.png", "plots/box-sizes.png", "splits/train_split.csv",
                "splits/val_split.csv", "splits/test_split.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        List<JsonNode> records = jsonl(out.resolve("quintuples.jsonl"));
        assertEquals(6, records.size());
        Map<String, String> splitOfPatient = new HashMap<>();
        for (JsonNode r : records) {
            String previous = splitOfPatient.put(r.get("patient").asText(), r.get("split").asText());
            assertTrue(previous == null || previous.equals(r.get("split").asText()), "a patient in two splits: " + r);
            assertTrue(Files.isRegularFile(out.resolve(r.get("image").asText())));
            assertFalse(r.get("reasoning").isEmpty());
        }
        JsonNode first = records.get(0);
        assertEquals("q20", first.get("question_id").asText());
        assertEquals(List.of(2, 9, 3, 15, 4, 12), ints(first.get("box").get("slice_first")), "[s0, s1, x0, x1, y0, y1]");
        assertEquals("box", first.get("reasoning").get(0).get("evidence").get("type").asText());
        assertEquals("view", first.get("reasoning").get(1).get("evidence").get("type").asText());
        assertEquals(0, first.get("severity").get("Size of lesion").asInt());
        assertTrue(first.get("answer").asText().contains("Final diagnosis: {\"bbox\":[2,9,3,15,4,12]"), first.toString());

        // The box's LPS centre matches the exported volume's own affine.
        Volume image = NiftiReader.read(out.resolve(first.get("image").asText())).get(0);
        double[] centre = image.voxelToLps().apply((3 + 15 - 1) / 2.0, (4 + 12 - 1) / 2.0, (2 + 9 - 1) / 2.0);
        JsonNode lps = first.get("box").get("lps_mm").get("center");
        for (int a = 0; a < 3; a++) {
            assertEquals(centre[a], lps.get(a).asDouble(), 1e-4);
            assertEquals(a < 2 ? -centre[a] : centre[a], first.get("box").get("ras_mm").get("center").get(a).asDouble(), 1e-4);
        }
        // The mask carries the region's label exactly inside the box.
        Volume mask = NiftiReader.read(out.resolve(first.get("mask").asText())).get(0);
        JsonNode labels = JSON.readTree(out.resolve("labels.json").toFile());
        int label = (int) mask.value(3, 4, 2);
        assertEquals("Femur, medial central (weight-bearing)", labels.get(String.valueOf(label)).asText());
        assertEquals(0, mask.value(2, 4, 2));
        assertEquals(0, mask.value(3, 4, 9), "the end is exclusive");

        JsonNode monai = JSON.readTree(out.resolve("dataset.json").toFile());
        assertEquals(5, monai.get("numTraining").asInt() + monai.path("numValidation").asInt() + monai.path("numTest").asInt());
        // The plots are pictures with something drawn in them, not empty files.
        for (String plot : List.of("plots/grades.png", "plots/box-sizes.png")) {
            java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(out.resolve(plot).toFile());
            assertTrue(picture.getWidth() >= 300 && picture.getHeight() >= 60, plot + " " + picture.getWidth() + "x" + picture.getHeight());
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            for (int y = 0; y < picture.getHeight(); y += 4) {
                for (int x = 0; x < picture.getWidth(); x += 4) {
                    colours.add(picture.getRGB(x, y));
                }
            }
            assertTrue(colours.size() >= 3, plot + " has bars, axes and background: " + colours.size() + " colours");
        }
        // LLaVA conversations: a human turn with the image token, the answer with the box, one per record.
        JsonNode llava = JSON.readTree(out.resolve("sft-llava.json").toFile());
        assertEquals(6, llava.size());
        assertTrue(llava.get(0).get("conversations").get(0).get("value").asText().startsWith("<image>\n"));
        assertEquals("gpt", llava.get(0).get("conversations").get(1).get("from").asText());
        assertTrue(llava.get(0).get("conversations").get(1).get("value").asText().contains("Final diagnosis: {\"bbox\":["));
        JsonNode coco = JSON.readTree(out.resolve("coco/annotations.json").toFile());
        assertEquals(5, coco.get("annotations").size(), "one 2D box per case");
        JsonNode cocoImage = coco.get("images").get(0);
        java.awt.image.BufferedImage slice = javax.imageio.ImageIO.read(out.resolve("coco").resolve(cocoImage.get("file_name")
                .asText()).toFile());
        assertEquals(List.of(cocoImage.get("width").asInt(), cocoImage.get("height").asInt()),
                List.of(slice.getWidth(), slice.getHeight()), "the slice image has the size the annotation says");
        assertEquals(List.of(2, 3, 7, 5), ints(coco.get("annotations").get(0).get("bbox")), "[x, y, w, h] on slice k = 6");
        String card = Files.readString(out.resolve("README.md"));
        // Case 5 has two readers: sizes 0 and 0 (no disagreement could be expected: kappa undefined), depths 1 and 2.
        assertTrue(card.contains("| Depth of lesion | 1 | 1 | 0.0% | 0.00 | 0.00 | 0.00 |"), card);
        assertTrue(card.contains("| Size of lesion | 1 | 1 | 100.0% | n/a | n/a | n/a |"), card);
        assertTrue(card.contains("| train |"), card);
        assertTrue(card.contains("Made with a model's help"), card);
        assertTrue(card.contains("## Model assistance\n\n- Proposals: 0 (0 pending"), card);
    }

    @Test
    void theCardComparesTheReadingTimeOfFinishedCasesWithAndWithoutProposals() throws Exception {
        Path project = ExportFixtures.project(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            List<Long> ids = store.cases().stream().map(c -> c.id()).toList();
            long[] seconds = {240, 360, 600, 900};
            for (int n = 0; n < seconds.length; n++) {
                long id = ids.get(n);
                store.apply(new org.groundwork.annotate.core.project.Edit.AddActiveTime(id, seconds[n]), "dr.a");
                store.apply(new org.groundwork.annotate.core.project.Edit.SetCaseStatus(id,
                        org.groundwork.annotate.core.project.CaseStatus.DONE), "dr.a");
                if (n < 2) {
                    store.apply(new org.groundwork.annotate.core.project.Edit.AddSuggestions(id, List.of(
                            org.groundwork.annotate.core.project.Suggestion.pending("s" + n, id, "acl", new int[] {0, 0, 0},
                                    new int[] {2, 2, 2}, 0.5, "cnn-boxes", "ab".repeat(32), 20,
                                    java.time.Instant.parse("2026-12-01T10:00:00Z"), "dr.a"))), "dr.a");
                }
            }
        }
        Path out = tmp.resolve("dataset");
        export(project, ExportOptions.of(out, EnumSet.of(ExportFormat.QUINTUPLES)));
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.contains("| Anterior cruciate ligament | 2 | 0 | 0 | n/a | n/a |"), card);
        assertTrue(card.contains("- Finished cases read with model proposals: 2 case(s), median 5.0 min"), card);
        assertTrue(card.contains("- Finished cases read without: 2 case(s), median 12.5 min"), card);
        assertTrue(card.contains("- Time with proposals against without: 0.40x the median time per case (an observation"),
                card);

        // With an assist trial the groups are its arms, drawn at random.
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            store.putSetting(org.groundwork.annotate.core.project.AssistTrial.SETTING, "on");
        }
        Path trial = tmp.resolve("dataset-trial");
        export(project, ExportOptions.of(trial, EnumSet.of(ExportFormat.QUINTUPLES)));
        String trialCard = Files.readString(trial.resolve("README.md"));
        assertTrue(trialCard.contains("- Assist trial, finished cases of the arm with model proposals: "), trialCard);
        assertTrue(trialCard.contains("- Assist trial, finished cases of the arm without: "), trialCard);
    }

    @Test
    void whatTheConsumersReadIsThere() throws Exception {
        Path project = ExportFixtures.project(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            // A free question with an id shorter than 8 characters, as imported datasets have.
            store.apply(new Edit.PutQuestion(new org.groundwork.annotate.core.project.Question("q7", 1, null, null,
                    "Anything else?", Provenance.human("dr.smith", java.time.Instant.parse("2026-01-03T10:00:00Z")))),
                    "dr.smith");
        }
        Path out = tmp.resolve("dataset");
        export(project, new ExportOptions(out, EnumSet.allOf(ExportFormat.class), new double[] {1, 0, 0}, 7, false, "qwen2.5"));

        assertTrue(jsonl(out.resolve("quintuples.jsonl")).stream().anyMatch(r -> r.get("id").asText().endsWith("-free-q7")));
        // pycocotools' annToMask draws the segmentation: the box's rectangle, corner by corner.
        JsonNode annotation = JSON.readTree(out.resolve("coco/annotations.json").toFile()).get("annotations").get(0);
        assertEquals(List.of(2, 3, 7, 5), ints(annotation.get("bbox")));
        assertEquals(List.of(2, 3, 9, 3, 9, 8, 2, 8), ints(annotation.get("segmentation").get(0)));
        // Every case in training: MONAI raises on an empty list, so the other splits are left out.
        JsonNode monai = JSON.readTree(out.resolve("dataset.json").toFile());
        assertEquals(5, monai.get("training").size());
        assertFalse(monai.has("validation") || monai.has("test"), monai.toString());
        // Qwen's fine-tuning code reads conversations with from/value; chat templates read messages.
        JsonNode qwen = JSON.readTree(out.resolve("sft-qwen2.5.json").toFile()).get(0);
        assertEquals("human", qwen.get("conversations").get(0).get("from").asText());
        assertTrue(qwen.get("conversations").get(0).get("value").asText().startsWith("<video>\n"));
        assertEquals(qwen.get("messages").get(1).get("content"), qwen.get("conversations").get(1).get("value"));
        assertTrue(qwen.get("conversations").get(1).get("value").asText().contains("\"bbox_3d\":[3,4,2,15,12,9]"),
                qwen.toString());
    }

    @Test
    void noExportedByteCarriesAnIdentity() throws Exception {
        Path project = ExportFixtures.project(tmp);
        Path out = tmp.resolve("dataset");
        export(project, ExportOptions.of(out, EnumSet.allOf(ExportFormat.class)));
        Path qwen = tmp.resolve("dataset-qwen");
        export(project, new ExportOptions(qwen, EnumSet.of(ExportFormat.SFT), ExportOptions.DEFAULT_SPLIT, 7, true,
                "qwen2.5"));
        List<String> needles = new ArrayList<>();
        for (String phi : ExportFixtures.PHI) {
            needles.add(phi.toLowerCase(Locale.ROOT));
            needles.add(phi.replace('^', ' ').toLowerCase(Locale.ROOT));
        }
        needles.addAll(List.of("jonathan", "dr.smith", "dr.jones"));
        int scanned = 0;
        for (Path root : List.of(out, qwen)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(contents(file), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                    for (String needle : needles) {
                        assertFalse(text.contains(needle), file + " contains " + needle);
                    }
                    assertFalse(file.toString().toLowerCase(Locale.ROOT).contains("jonathan"), file.toString());
                    scanned++;
                }
            }
        }
        assertTrue(scanned > 20, "scanned " + scanned + " files");
    }

    /** A file's bytes, decompressed when it is gzip. */
    private static byte[] contents(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        }
        return bytes;
    }

    @Test
    void incompleteCasesAreReportedAndLeftOutOnRequest() throws Exception {
        Path project = ExportFixtures.project(tmp);
        ExportReport all = export(project, ExportOptions.of(tmp.resolve("all"), EnumSet.of(ExportFormat.QUINTUPLES)));
        assertEquals(5, all.cases());
        assertTrue(all.problems().stream().anyMatch(p -> p.message().contains("1 of 1 question(s) incomplete")
                && !p.excluded()), all.problems().toString());
        ExportReport complete = export(project, new ExportOptions(tmp.resolve("complete"),
                EnumSet.of(ExportFormat.QUINTUPLES), ExportOptions.DEFAULT_SPLIT, 1, true, "llava"));
        assertEquals(4, complete.cases());
        assertTrue(complete.problems().stream().anyMatch(ExportReport.Problem::excluded));
        assertTrue(jsonl(complete.target().resolve("quintuples.jsonl")).stream()
                .allMatch(r -> r.get("complete").asBoolean()));
    }

    @Test
    void boxesOutsideTheVolumeLeaveTheirCaseOut() throws Exception {
        Path project = ExportFixtures.project(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(1).id();
            store.apply(new Edit.PutBox(new Box("far", caseId, "femur-medial-central", null, new int[] {20, 0, 0},
                    new int[] {30, 5, 5}, Provenance.human("dr.smith", java.time.Instant.now()))), "dr.smith");
        }
        ExportReport report = export(project, ExportOptions.of(tmp.resolve("out"), EnumSet.of(ExportFormat.QUINTUPLES)));
        assertEquals(4, report.cases());
        assertTrue(report.problems().stream().anyMatch(p -> p.excluded()
                && p.message().equals("1 box(es) reach outside the 24 x 20 x 12 volume")), report.problems().toString());
    }

    @Test
    void aFailedOrCancelledExportLeavesNothingAndAFullFolderIsRefused() throws Exception {
        Path project = ExportFixtures.project(tmp);
        Path out = tmp.resolve("cancelled");
        int[] polls = {0};
        LoadMonitor cancelAfterTwoCases = new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean cancelled() {
                return ++polls[0] > 2;
            }
        };
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertThrows(CancellationException.class, () -> DatasetExporter.export(store,
                    ExportOptions.of(out, EnumSet.allOf(ExportFormat.class)), cancelAfterTwoCases));
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("cancelled")).toList(),
                    "neither the dataset nor its temporary folder is left");
        }
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        BadInputException e = assertThrows(BadInputException.class,
                () -> export(project, ExportOptions.of(full, EnumSet.of(ExportFormat.QUINTUPLES))));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
        Path blocked = tmp.resolve("a-file");
        Files.writeString(blocked, "x");
        BadInputException underFile = assertThrows(BadInputException.class,
                () -> export(project, ExportOptions.of(blocked.resolve("dataset"), EnumSet.of(ExportFormat.QUINTUPLES))));
        assertTrue(underFile.getMessage().contains("could not be written"), underFile.getMessage());
    }

    @Test
    void theSameProjectSplitsTheSameWay() throws Exception {
        Path project = ExportFixtures.project(tmp);
        ExportReport a = export(project, ExportOptions.of(tmp.resolve("a"), EnumSet.of(ExportFormat.QUINTUPLES)));
        ExportReport b = export(project, ExportOptions.of(tmp.resolve("b"), EnumSet.of(ExportFormat.QUINTUPLES)));
        for (String split : List.of("train", "val", "test")) {
            assertEquals(Files.readString(a.target().resolve("splits/" + split + "_split.csv")),
                    Files.readString(b.target().resolve("splits/" + split + "_split.csv")));
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
