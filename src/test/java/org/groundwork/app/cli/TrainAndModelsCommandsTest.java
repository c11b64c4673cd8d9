package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.dicom.DicomSeriesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}, {@code models} and {@code suggest --model cnn-boxes} on a project of read phantom knees. */
class TrainAndModelsCommandsTest {
    private static final int KNEES = 20;
    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return GroundworkCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** Twenty phantom knees of twenty patients, imported, every region boxed by a reader as the phantom says. */
    private Path readProject() throws Exception {
        var knee = ProtocolReader.builtIn("knee-mri");
        var grid = KneePhantom.Grid.coarse(96, 96, 40);
        KneePhantom.Knee[] knees = new KneePhantom.Knee[KNEES];
        for (int n = 0; n < KNEES; n++) {
            knees[n] = KneePhantom.generate(n + 1, grid, knee);
            String tag = String.format(Locale.ROOT, "%02d", n + 1);
            DicomSeriesWriter.write(knees[n].volume(), new DicomSeriesWriter.Series("Phantom^" + tag, "P" + tag, "19600101",
                    "F", "A" + tag, "", "", "20260101", "080000", "MR knee", DicomSeriesWriter.uid("study" + tag),
                    "Sag DESS", 1, DicomSeriesWriter.uid("series" + tag), DicomSeriesWriter.uid("frame" + tag), "KNEE",
                    knees[n].findings().rightKnee() ? "R" : "L"), dir.resolve("data").resolve("knee-" + tag));
        }
        Path project = dir.resolve("project");
        assertEquals(0, run("import", project.toString(), dir.resolve("data").toString()), err.toString());
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            for (CaseRecord c : store.cases()) {
                int n = 0;
                while (!DicomSeriesWriter.uid(String.format(Locale.ROOT, "series%02d", n + 1)).equals(c.seriesUid())) {
                    n++;
                }
                for (RegionBox b : knees[n].boxes().values()) {
                    store.apply(new Edit.PutBox(new Box(UUID.randomUUID().toString(), c.id(), b.regionId(), null,
                            b.min(), b.max(), Provenance.human("dr.r", Instant.parse("2026-11-30T09:00:00Z")))), "dr.r");
                }
            }
        }
        return project;
    }

    @Test
    void trainingPromotesOnlyAModelThatBeatsTheAtlasAndThePromotedOne() throws Exception {
        Path project = readProject();
        assertEquals(0, run("models", project.toString()));
        assertTrue(out.toString().startsWith("no trained model yet"), out.toString());
        assertEquals(2, run("suggest", project.toString(), "--model", "cnn-boxes", "--cases", "1"));
        assertTrue(err.toString().contains("no cnn-boxes model has been promoted"), err.toString());

        assertEquals(0, run("train", project.toString(), "--epochs", "30"), err.toString());
        String trained = out.toString();
        assertTrue(trained.startsWith("trained on 16 case(s), judged on 4 held-out case(s) of other patients"), trained);
        assertTrue(trained.contains("promoted cnn-boxes-"), trained);
        double learner = iou(trained, "cnn-boxes");
        double atlas = iou(trained, "atlas-prior");
        assertTrue(learner > atlas, trained);
        assertTrue(err.toString().contains("Epoch") || err.toString().isEmpty(), err.toString());

        // An untrained learner is the atlas again: no better, so the promoted model stays.
        assertEquals(0, run("train", project.toString(), "--epochs", "0"), err.toString());
        assertTrue(out.toString().contains("not promoted: held-out IoU"), out.toString());

        // Resumed from the latest checkpoint (the untrained one), ten more epochs.
        assertEquals(0, run("models", project.toString()));
        String latest = out.toString().lines().filter(l -> l.contains("sha256")).reduce((a, b) -> b).orElseThrow()
                .substring(2).split(" ")[0];
        assertEquals(0, run("train", project.toString(), "--epochs", "10", "--resume"), err.toString());
        assertTrue(out.toString().startsWith("resumed from " + latest + "\n"), out.toString());

        assertEquals(0, run("models", project.toString(), "--regions"));
        List<String> lines = out.toString().lines().filter(l -> l.contains("sha256")).toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).contains("cnn-boxes-") && lines.get(1).startsWith("  cnn-boxes-"), out.toString());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("* ")).count(), out.toString());
        assertTrue(out.toString().contains("      acl "), out.toString());

        assertEquals(0, run("suggest", project.toString(), "--model", "cnn-boxes", "--cases", "1"), err.toString());
        assertTrue(out.toString().contains("from cnn-boxes"), out.toString());
    }

    private static double iou(String text, String model) {
        return text.lines().filter(l -> l.strip().startsWith(model + " ")).map(l -> l.replaceAll(".*mean IoU ", ""))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
    }
}
