package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.dicom.DicomSeriesWriter;
import org.groundwork.testing.RunningApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --no-window} and {@code suggest} on the demo project, as a user runs them. */
class DemoAndSuggestCommandsTest extends CommandLineTest {
    @TempDir
    Path dir;

    @BeforeEach
    void coarseDemo() {
        RunningApp.useDemoIn(dir.resolve("demo"), true);
    }

    @AfterEach
    void clear() {
        RunningApp.forgetDemo();
    }

    @Test
    void demoIsMadeOnceAndAnewOnReset() throws Exception {
        assertEquals(0, run("demo", "--no-window"), err.toString());
        Path project = DemoProject.project(dir.resolve("demo"));
        assertTrue(out.toString().contains("Demo project: " + project), out.toString());
        assertTrue(err.toString().contains("Making demo knee 1 of 6"), err.toString());
        Path firstImage = dir.resolve("demo/images/knee-01/IM0001.dcm");
        var made = Files.getLastModifiedTime(firstImage);

        assertEquals(0, run("demo", "--no-window"));
        assertEquals(made, Files.getLastModifiedTime(firstImage), "an existing demo is not made again");
        assertTrue(err.toString().isEmpty(), err.toString());

        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            store.apply(new org.groundwork.annotate.core.project.Edit.SetCaseStatus(store.cases().get(3).id(),
                    org.groundwork.annotate.core.project.CaseStatus.NEEDS_REVIEW), "tester");
        }
        assertEquals(0, run("demo", "--no-window", "--reset"));
        assertTrue(err.toString().contains("Making demo knee 6 of 6"), err.toString());
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(6, store.cases().size());
            assertTrue(store.cases().stream().noneMatch(c -> c.status()
                    == org.groundwork.annotate.core.project.CaseStatus.NEEDS_REVIEW), "the reset demo is as new");
        }
    }

    @Test
    void suggestLearnsFromTheReadCasesAndStoresPendingProposalsForTheOthers() throws Exception {
        assertEquals(0, run("demo", "--no-window"), err.toString());
        Path project = DemoProject.project(dir.resolve("demo"));
        int boxesBefore;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            boxesBefore = store.summary().boxes();
        }

        assertEquals(0, run("suggest", project.toString()), err.toString());
        assertTrue(out.toString().contains("pending suggestion(s) for 4 case(s) from atlas-prior"), out.toString());

        var protocol = ProtocolReader.builtIn("knee-mri");
        double iouSum = 0;
        int n = 0;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(boxesBefore, store.summary().boxes(), "a proposal is not a box");
            for (int knee = 3; knee <= 6; knee++) {
                String series = DicomSeriesWriter.uid("groundwork-demo-series-" + knee);
                CaseRecord c = store.cases().stream().filter(r -> r.seriesUid().equals(series)).findFirst().orElseThrow();
                List<Suggestion> suggestions = store.annotations(c.id()).suggestions();
                assertEquals(5, suggestions.size(), "one per region the example readings boxed");
                // The same knee, made again, knows where each region truly is.
                KneePhantom.Knee truth = KneePhantom.generate(knee, KneePhantom.Grid.coarse(128, 128, 48), protocol);
                for (Suggestion s : suggestions) {
                    assertEquals(Suggestion.Fate.PENDING, s.fate());
                    assertEquals("atlas-prior", s.modelId());
                    iouSum += new RegionBox(s.regionId(), s.min(), s.max()).iou(truth.boxes().get(s.regionId()));
                    n++;
                }
            }
        }
        double meanIou = iouSum / n;
        assertTrue(meanIou > 0.2, "mean IoU of the proposals to the true boxes: " + meanIou);

        assertEquals(2, run("suggest", project.toString(), "--model", "oracle"));
        assertTrue(err.toString().contains("no model is called oracle"), err.toString());
        assertEquals(2, run("suggest", project.toString(), "--regions", "elbow"));
        assertTrue(err.toString().contains("the protocol has no region elbow"), err.toString());
        assertEquals(0, run("suggest", "--list-models"));
        assertTrue(out.toString().startsWith("atlas-prior"), out.toString());

        // A user's own TorchScript model, given as its folder.
        Path own = Path.of("..", "assist", "src", "test", "resources", "org", "groundwork", "assist", "torchscript",
                "knee-bones-test").toAbsolutePath().normalize();
        assertEquals(0, run("suggest", project.toString(), "--model", own.toString(), "--cases", "3"), err.toString());
        assertTrue(out.toString().contains("3 pending suggestion(s) for 1 case(s) from knee-bones-test"), out.toString());
        assertTrue(out.toString().contains("case 3  femur "), out.toString());

        // A case dealt to two readers gets a set of proposals for each: what one does with a proposal is
        // part of their own reading, which the other does not see while reading blind.
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            store.assignReaders(java.util.Map.of(3L, List.of("dr.a", "dr.b")));
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("suggest", project.toString(), "--model", own.toString(), "--cases", "3"), err.toString());
        assertTrue(out.toString().contains("6 pending suggestion(s) for 1 case(s) from knee-bones-test"), out.toString());
        assertTrue(out.toString().contains("for dr.a") && out.toString().contains("for dr.b"), out.toString());
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            var all = store.annotations(3);
            for (String reader : List.of("dr.a", "dr.b")) {
                List<Suggestion> own3 = all.readBy(reader).suggestions();
                assertEquals(3, own3.size(), reader + " sees their own three and no one else's: " + own3);
                assertTrue(own3.stream().allMatch(s -> s.reader().equals(reader)), own3.toString());
            }
        }
    }

    @Test
    void anAssistTrialLeavesTheCasesOfItsArmWithoutProposalsWithout() throws Exception {
        assertEquals(0, run("demo", "--no-window"), err.toString());
        Path project = DemoProject.project(dir.resolve("demo"));
        List<Long> unread;
        List<Long> without;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            org.groundwork.testing.AssistTrials.Arms arms = org.groundwork.testing.AssistTrials.splitUnreadCases(store);
            store.putSetting(org.groundwork.annotate.core.project.AssistTrial.SETTING, "on");
            without = arms.without();
            unread = java.util.stream.Stream.concat(arms.with().stream(), without.stream()).toList();
        }
        assertEquals(0, run("suggest", project.toString()), err.toString());
        int with = unread.size() - without.size();
        assertTrue(out.toString().contains("pending suggestion(s) for " + with + " case(s) from atlas-prior"), out.toString());
        assertTrue(out.toString().contains(without.size()
                + " case(s) left without proposals: the project's assist trial reads them without"), out.toString());
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            for (long id : unread) {
                assertEquals(without.contains(id), store.annotations(id).suggestions().isEmpty(), "case " + id);
            }
        }
    }

    @Test
    void benchAssistPrintsTheLearningCurveAndTheLatency() {
        assertEquals(0, run("bench", "assist", "--sizes", "2,3", "--held-out", "2", "--repeat", "1", "--epochs", "2"),
                err.toString());
        String text = out.toString();
        assertTrue(text.contains("whole-foreground box"), text);
        assertTrue(text.matches("(?s).*atlas-prior\\s+2\\s+0\\.\\d{3}.*cnn-boxes\\s+2\\s+0\\.\\d{3}.*2 epochs in.*"
                + "atlas-prior\\s+3\\s+0\\.\\d{3}.*"), text);
        assertTrue(text.contains("atlas-prior: one suggestion, all 53 regions, 384 x 384 x 160: median"), text);
        assertTrue(text.contains("cnn-boxes: one suggestion, all 53 regions, 384 x 384 x 160: median"), text);
    }

}
