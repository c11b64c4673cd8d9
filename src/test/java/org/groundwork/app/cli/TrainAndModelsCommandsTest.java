package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
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
import org.groundwork.storage.PostgresServer;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.dicom.DicomSeriesWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}, {@code models} and {@code suggest --model cnn-boxes} on a project of read phantom knees. */
class TrainAndModelsCommandsTest extends CommandLineTest {
    private static final int KNEES = 20;
    @TempDir
    Path dir;

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
            // The count that decides retraining and the cases a model learns from are the same cases.
            assertEquals(KNEES, store.casesToLearnFrom());
            assertEquals(KNEES, new org.groundwork.app.assist.ProjectAssist(store, java.time.Clock.systemUTC())
                    .trainingCases(java.util.Set.of()).size());
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
        String latest = latestModel(project);
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

        // The latest (resumed) model put in use by hand, whatever its held-out IoU.
        String resumed = latestModel(project);
        assertEquals(0, run("models", project.toString(), "--use", resumed), err.toString());
        assertTrue(out.toString().startsWith(resumed + " is in use for suggestions from now on"), out.toString());
        assertTrue(out.toString().contains("\n* " + resumed + " "), out.toString());
        assertTrue(out.toString().contains(", put in use by " + org.groundwork.app.CurrentUser.name() + "\n"), out.toString());
        assertEquals(1, out.toString().lines().filter(l -> l.startsWith("    in use since ")).count(), out.toString());
        assertEquals(1, out.toString().lines().filter(l -> l.startsWith("* ")).count(), out.toString());
        // The model promoted by training made the proposals above; the others none yet.
        assertEquals(1, out.toString().lines().filter(l -> l.matches("    proposals made: ([1-9][0-9]*) \\(\\1 pending\\); taken 0 of 0 decided")).count(),
                out.toString());
        assertEquals(2, out.toString().lines().filter(l -> l.equals("    no proposals made with it yet")).count(), out.toString());
        assertEquals(2, run("models", project.toString(), "--use", "cnn-boxes-none"));
        assertTrue(err.toString().contains("holds no model called cnn-boxes-none"), err.toString());
    }

    @Test
    void aModelTrainedBeforeModelsWereKeptInTheProjectIsAdoptedAndUnpackedAgainWhenItsFilesGo() throws Exception {
        Path project = readProject();
        assertEquals(0, run("train", project.toString(), "--epochs", "0"), err.toString());
        assertTrue(out.toString().contains("not promoted"), out.toString());
        String name = latestModel(project);
        // As an older Groundwork left it: the checkpoint only in the folder, promoted by a pointer file.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve(SqliteProjectStore.DATABASE));
             Statement s = c.createStatement()) {
            s.execute("DELETE FROM promoted_model");
            s.execute("DELETE FROM models");
        }
        Path models = project.resolve("models");
        Files.writeString(models.resolve("promoted.json"), "{\"name\": \"" + name + "\"}");

        assertEquals(0, run("models", project.toString()), err.toString());
        assertTrue(out.toString().startsWith("* " + name), "listed from the folder, read-only: " + out);
        assertTrue(out.toString().contains(" on this workstation on 16 case(s)"), out.toString());
        assertEquals(0, run("suggest", project.toString(), "--model", "cnn-boxes", "--cases", "1"), err.toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve(SqliteProjectStore.DATABASE));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM promoted_model")) {
            assertTrue(rs.next(), "the promoted checkpoint is now kept in the project");
            assertEquals(name, rs.getString(1));
        }

        Path weights;
        try (var files = Files.list(models.resolve(name))) {
            weights = files.filter(f -> f.toString().endsWith(".params")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        Files.write(weights, bytes);
        assertEquals(0, run("suggest", project.toString(), "--model", "cnn-boxes", "--cases", "2"), err.toString());
        assertTrue(out.toString().contains("from cnn-boxes"), out.toString());
        assertTrue(!Arrays.equals(bytes, Files.readAllBytes(weights)), "changed weights are unpacked again from the project");

        org.groundwork.app.FileTrees.delete(models);
        assertEquals(0, run("suggest", project.toString(), "--model", "cnn-boxes", "--cases", "3"), err.toString());
        assertTrue(Files.isDirectory(models.resolve(name)), "unpacked from the project on first use");
    }

    /** A team on a server: a reader may not train; an adjudicator's promoted model is what another workstation suggests with. */
    @Tag("servers")
    @Test
    void aModelTrainedOnOneWorkstationSuggestsOnAnother() throws Exception {
        assumeTrue(PostgresServer.installed(), "PostgreSQL 15 is not installed (Debian package postgresql)");
        Path project = readProject();
        try (PostgresServer server = new PostgresServer()) {
            Path passwords = Files.writeString(dir.resolve("pgpass"), Files.readString(server.passwordFile()));
            System.setProperty("groundwork.pgpass", passwords.toString());
            System.setProperty("groundwork.journal", dir.resolve("workstation-a").resolve("journal").toString());
            String owner = server.createDatabase("team").toString();
            assertEquals(0, run("migrate", project.toString(), owner), err.toString());
            for (String[] member : new String[][] {{"rhea", "reader"}, {"ada", "adjudicator"}}) {
                Path password = Files.writeString(dir.resolve(member[0] + "-password"), member[0] + "-pw\n");
                assertEquals(0, run("team", "add", owner, member[0], "--role", member[1], "--password-file",
                        password.toString()), err.toString());
                Files.writeString(passwords, "127.0.0.1:" + server.port() + ":*:" + member[0] + ":" + member[0] + "-pw\n",
                        StandardOpenOption.APPEND);
            }
            String asReader = server.location("team", "rhea").toString();
            String asAdjudicator = server.location("team", "ada").toString();

            assertEquals(2, run("train", asReader, "--epochs", "1"));
            assertTrue(err.toString().contains("error: Only an adjudicator or an admin trains the team's model"), err.toString());
            assertEquals(0, run("train", asAdjudicator, "--epochs", "30"), err.toString());
            assertTrue(out.toString().contains("promoted cnn-boxes-"), out.toString());
            String trained = latestModel(asAdjudicator);
            assertEquals(2, run("models", asReader, "--use", trained));
            assertTrue(err.toString().contains("The model in use was not changed: only an adjudicator or an admin"),
                    err.toString());
            assertEquals(0, run("models", asAdjudicator, "--use", trained), err.toString());

            System.setProperty("groundwork.journal", dir.resolve("workstation-b").resolve("journal").toString());
            System.setProperty("groundwork.user", "rhea");
            assertEquals(0, run("models", asReader), err.toString());
            assertTrue(out.toString().startsWith("* cnn-boxes-") && out.toString().contains(" by ada on 16 case(s)"),
                    out.toString());
            try (ProjectStore store = ProjectStore.open(owner, false)) {
                store.assignReaders(java.util.Map.of(1L, List.of("ada", "rhea")));
            }
            assertEquals(0, run("suggest", asReader, "--model", "cnn-boxes", "--cases", "1"), err.toString());
            assertTrue(out.toString().contains("from cnn-boxes"), out.toString());
            assertTrue(out.toString().contains("for rhea") && !out.toString().contains("for ada"),
                    "a reader proposes for her own reading only: " + out);
            assertEquals(0, run("models", asAdjudicator), err.toString());
            assertTrue(out.toString().lines().anyMatch(l -> l.matches("    proposals made: [1-9][0-9]* .*")),
                    "the server counts the reader's proposals: " + out);
            try (var unpacked = Files.list(dir.resolve("workstation-b").resolve("projects"))) {
                assertEquals(1, unpacked.count(), "the model was unpacked on the second workstation");
            }
        } finally {
            System.clearProperty("groundwork.pgpass");
            System.clearProperty("groundwork.journal");
            System.clearProperty("groundwork.user");
        }
    }

    private String latestModel(Object project) {
        assertEquals(0, run("models", project.toString()));
        return out.toString().lines().filter(l -> l.contains("sha256")).reduce((a, b) -> b).orElseThrow()
                .substring(2).split(" ")[0];
    }

    private static double iou(String text, String model) {
        return text.lines().filter(l -> l.strip().startsWith(model + " ")).map(l -> l.replaceAll(".*mean IoU ", ""))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
    }
}
