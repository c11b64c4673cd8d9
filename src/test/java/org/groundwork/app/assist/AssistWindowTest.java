package org.groundwork.app.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.fx.SliceView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Assist in the workstation: proposals for an unread demo case, accepted, rejected, undone, kept. */
@Tag("fx")
class AssistWindowTest extends WorkstationTest {
    private static final String ACL_COLOUR = "#19b2b3";

    @Test
    void suggestionsAreShownAcceptedRejectedAndUndoneAndTheirFateIsKept() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);

        // The third knee has not been read: open it from the worklist.
        robot.clickOn(robot.lookup("#worklistList .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> !c.isEmpty() && c.getIndex() == 2).findFirst().orElseThrow());
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.mainWindow().workspace().openCaseProperty().get() != null
                && app.mainWindow().workspace().openCaseProperty().get().id() == app.mainWindow().worklist().shownCases().get(2).id());
        RunningApp.waitForOpenCase(app, 30);
        long caseId = app.mainWindow().workspace().openCaseProperty().get().id();
        SliceView sagittal = app.mainWindow().viewer().view(Plane.SAGITTAL);
        int aclPixelsBefore = pixels(sagittal, ACL_COLOUR);

        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.G);
        var proposals = app.mainWindow().assistActions().proposals();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !proposals.pending().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, proposals.pending().size(), "one per region the two example readings boxed");
        assertEquals("5 suggestion(s) from atlas-prior: click one, Enter accepts, Delete rejects.",
                robot.lookup("#statusMessage").queryAs(Label.class).getText());
        Suggestion acl = pendingOf(proposals.pending(), "acl");
        centreOn(acl);
        assertTrue(pixels(sagittal, ACL_COLOUR) > aclPixelsBefore, "the ACL proposal is drawn in its colour");
        Screenshots.write(app.mainWindow().stage().getScene(), "assist-proposals");

        // Click inside the ACL proposal, Enter: a box the model made.
        robot.clickOn(screenPoint(app.mainWindow().viewer().view(Plane.AXIAL), acl));
        assertEquals(acl.id(), proposals.selectedProperty().get());
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        CaseAnnotations state = app.mainWindow().workspace().editor().current();
        assertEquals(Provenance.Origin.MODEL, state.box(acl.id()).orElseThrow().provenance().origin());
        assertEquals("atlas-prior", state.box(acl.id()).orElseThrow().provenance().modelId());
        assertEquals(Suggestion.Fate.ACCEPTED, state.suggestion(acl.id()).orElseThrow().fate());
        assertTrue(robot.lookup("#caseProgress").queryAs(Label.class).getText().contains("1 box(es)"));
        // The box says where it came from, in the 3D view's outline as on the slices.
        assertTrue(app.mainWindow().viewer().volumeView().boxes().stream()
                .anyMatch(o -> o.label().equals("Anterior cruciate ligament [atlas-prior]")),
                app.mainWindow().viewer().volumeView().boxes().toString());
        // Nudging it (arrow key) makes it model-edited, with the IoU to the proposal recorded.
        robot.push(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        CaseAnnotations nudged = app.mainWindow().workspace().editor().current();
        assertEquals(Provenance.Origin.MODEL_EDITED, nudged.box(acl.id()).orElseThrow().provenance().origin());
        assertEquals(Suggestion.Fate.EDITED, nudged.suggestion(acl.id()).orElseThrow().fate());
        assertTrue(nudged.suggestion(acl.id()).orElseThrow().finalIou() < 1);
        assertTrue(app.mainWindow().viewer().volumeView().boxes().stream()
                .anyMatch(o -> o.label().equals("Anterior cruciate ligament [atlas-prior, edited]")));

        // The popliteal cyst proposal: Delete rejects it, Ctrl+Z brings it back.
        Suggestion cyst = pendingOf(proposals.pending(), "popliteal-cyst");
        centreOn(cyst);
        robot.clickOn(screenPoint(app.mainWindow().viewer().view(Plane.AXIAL), cyst));
        robot.push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, proposals.pending().size());
        robot.push(KeyCode.SHORTCUT, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, proposals.pending().size());

        // Accept the confident ones at once.
        long confident = proposals.pending().stream().filter(s -> s.confidence() >= 0.5).count();
        robot.clickOn("Assist");
        robot.clickOn("Accept Suggestions at 50% or More");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4 - confident, proposals.pending().size());

        FxToolkit.cleanupApplication(app);
        app = null;
        try (SqliteProjectStore store = SqliteProjectStore.open(DemoProject.project(tmp.resolve("demo")),
                SqliteProjectStore.Mode.READ_ONLY)) {
            CaseAnnotations kept = store.annotations(caseId);
            assertEquals(Suggestion.Fate.EDITED, kept.suggestion(acl.id()).orElseThrow().fate());
            assertEquals(cyst.confidence() >= 0.5 ? Suggestion.Fate.ACCEPTED : Suggestion.Fate.PENDING,
                    kept.suggestion(cyst.id()).orElseThrow().fate(), "rejected, then undone");
            assertEquals(1 + confident, kept.boxes().size());
            assertTrue(kept.boxes().stream().allMatch(b -> b.provenance().origin().name().startsWith("MODEL")));
        }
    }

    @Test
    void blindFirstHidesARegionsProposalUntilTheReaderHasBoxedItAndTheReportMeasuresTheSway() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
        robot.clickOn("Assist").clickOn("Blind-First Mode (Proposals after Your Own Box)");
        assertTrue(app.mainWindow().assistActions().blindFirst().get());
        var third = app.mainWindow().worklist().shownCases().get(2);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(third)));
        RunningApp.waitForOpenCase(app, 30);

        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.G);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !app.mainWindow().workspace().editor().current().suggestions().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        var proposals = app.mainWindow().assistActions().proposals();
        assertTrue(proposals.pending().isEmpty(), "nothing shows before the reader's own boxes");
        assertTrue(robot.lookup("#statusMessage").queryAs(Label.class).getText()
                .endsWith("5 stay hidden until you have drawn your own box of their region."));

        // The reader boxes the ACL region themselves (3D box tool, a drag in the axial view): its proposal shows.
        Suggestion acl = app.mainWindow().workspace().editor().current().suggestions().stream()
                .filter(s -> s.regionId().equals("acl")).findFirst().orElseThrow();
        centreOn(acl);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().boxes().regionProperty()
                .set("acl")));
        SliceView axial = app.mainWindow().viewer().view(Plane.AXIAL);
        Point2D centre = screenPoint(axial, acl);
        robot.clickOn(axial);
        robot.push(KeyCode.B);
        robot.drag(centre.add(-6, -6)).moveTo(centre.add(8, 8)).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("acl"), proposals.pending().stream().map(Suggestion::regionId).toList());
        Suggestion revealed = proposals.pending().get(0);
        assertTrue(revealed.blind() != null, "the reader's own box is kept as it was when the proposal showed");

        robot.clickOn("Assist").clickOn("Assist Report…");
        WaitForAsyncUtils.waitForFxEvents();
        String report = robot.lookup("#assistReportDialog .content").queryAs(Label.class).getText();
        assertTrue(report.startsWith("Proposals: 5 (5 pending, 0 accepted, 0 edited, 0 rejected)"), report);
        assertTrue(report.contains("Blind-first: 1 proposal(s) revealed after the reader's own box"), report);
        assertTrue(report.contains("\nLeast taken regions (taken of decided proposals): -\n"), "none decided yet: " + report);
        // No finished case had proposals yet; the comparison says so.
        assertTrue(report.contains("\n\nFinished cases read with model proposals: none yet\nFinished cases read without: "),
                report);
        Screenshots.write(robot.lookup("#assistReportDialog").query().getScene(), "assist-report");
        close("#assistReportDialog");
    }

    @Test
    void diagnosticsExplainTheEngineAndItsDevice() throws Exception {
        app = RunningApp.start();
        robot.clickOn("Assist").clickOn("Diagnostics…");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#assistDiagnosticsDialog").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        String text = robot.lookup("#assistDiagnosticsDialog .content").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Model engine: PyTorch 2.7.1 on cpu()"), text);
        assertTrue(text.contains("device: CPU: the bundled PyTorch is a CPU build"), text);
        assertTrue(text.contains("native library: "), text);
        close("#assistDiagnosticsDialog");
    }

    @Test
    void trainingInTheWorkstationKeepsAModelAndSuggestionsComeFromThePromotedOne() throws Exception {
        // Two more knees read, so that patients can be held out.
        demoWithKneesBoxed(4);
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
        robot.clickOn("Assist").clickOn("Train Model");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> robot.lookup("#statusMessage").queryAs(Label.class).getText().startsWith("Model trained: "));
        String verdict = robot.lookup("#statusMessage").queryAs(Label.class).getText();
        boolean promoted = verdict.startsWith("Model trained: promoted cnn-boxes-");
        assertTrue(promoted || verdict.startsWith("Model trained: not promoted: held-out IoU"), verdict);

        robot.clickOn("Assist").clickOn("Models…");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#assistModelsDialog").tryQuery().isPresent());
        String list = modelsOnScreen();
        assertTrue(list.contains("cnn-boxes-") && list.contains("held-out IoU, atlas-prior: "), list);
        assertTrue(list.contains("      trained 20") && list.contains(" by " + org.groundwork.app.CurrentUser.name()), list);
        assertEquals(promoted, list.startsWith("★ cnn-boxes-"), list);
        org.groundwork.testing.Screenshots.write(robot.lookup("#assistModelsDialog").query().getScene(), "models-dialog");
        close("#assistModelsDialog");

        var fifth = app.mainWindow().worklist().shownCases().get(4);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(fifth)));
        RunningApp.waitForOpenCase(app, 30);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.G);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.mainWindow().assistActions().proposals().pending().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#statusMessage").queryAs(Label.class).getText()
                .contains(" suggestion(s) from " + (promoted ? "cnn-boxes" : "atlas-prior") + ":"));
    }

    @Test
    void theSuggestButtonAsksForTheSelectedQuestionsRegionAndTheMenuForTheWholeProtocol() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
        var fourth = app.mainWindow().worklist().shownCases().get(3);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(fourth)));
        RunningApp.waitForOpenCase(app, 30);
        // Ask the ACL question: region, its first question, Ask.
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<org.groundwork.annotate.core.protocol.Region> regions =
                robot.lookup("#regionChoice").queryAs(javafx.scene.control.ComboBox.class);
        var acl = regions.getItems().stream().filter(r -> r.id().equals("acl")).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> regions.setValue(acl)));
        robot.clickOn("#askButton");
        WaitForAsyncUtils.waitForFxEvents();
        var proposals = app.mainWindow().assistActions().proposals();

        robot.clickOn("#suggestButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !proposals.pending().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("acl"), proposals.pending().stream().map(Suggestion::regionId).toList());

        robot.clickOn("Assist").clickOn("Suggest Boxes for the Whole Protocol");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> proposals.pending().size() > 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, proposals.pending().size(), "every region the two example readings boxed, once more");
    }

    @Test
    void anAssistTrialReadsTheCasesOfOneArmWithoutProposalsAndSaysSo() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        Path project = DemoProject.ensure(tmp.resolve("demo"), org.groundwork.viewer.core.LoadMonitor.NONE);
        long with;
        long without;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            org.groundwork.testing.AssistTrials.Arms arms = org.groundwork.testing.AssistTrials.splitUnreadCases(store);
            with = arms.with().get(0);
            without = arms.without().get(0);
        }
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
        robot.clickOn("Assist").clickOn("Assist Trial (No Proposals for Half the Cases, at Random)");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#statusMessage").queryAs(Label.class).getText()
                .startsWith("Assist trial: about half the cases, drawn at random, are read without proposals"));

        // The worklist marks the cases of the arm without proposals.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> worklistLine(without).contains(" · no proposals (assist trial)"));
        assertTrue(!worklistLine(with).contains("no proposals"), worklistLine(with));
        Screenshots.write(app.mainWindow().stage().getScene(), "assist-trial-worklist");

        openCase(without);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.G);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#statusMessage").queryAs(Label.class).getText()
                .equals("No suggestion: case " + without + " is read without proposals: the project's assist trial "
                        + "keeps them from about half its cases, drawn at random, to measure what they change"));
        var proposals = app.mainWindow().assistActions().proposals();
        assertTrue(proposals.pending().isEmpty());

        openCase(with);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.G);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !proposals.pending().isEmpty());

        robot.clickOn("Assist").clickOn("Assist Report…");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#assistReportDialog").tryQuery().isPresent());
        String report = robot.lookup("#assistReportDialog .content").queryAs(Label.class).getText();
        assertTrue(report.contains("\n\nAssist trial, finished cases of the arm with model proposals: "), report);
        close("#assistReportDialog");
    }

    /** The worklist's text of one case, as shown. */
    private String worklistLine(long id) {
        return robot.lookup("#worklistList .list-cell").queryAllAs(javafx.scene.control.Labeled.class).stream()
                .map(javafx.scene.control.Labeled::getText).filter(t -> t != null && t.startsWith(id + "  "))
                .findFirst().orElse("");
    }

    private void openCase(long id) throws Exception {
        var c = app.mainWindow().worklist().shownCases().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(c)));
        RunningApp.waitForOpenCase(app, 30);
    }

    /** The models as the Models dialog lists them, one cell's text after another. */
    private String modelsOnScreen() {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#modelList .list-cell").queryAllAs(javafx.scene.control.Labeled.class).stream()
                .map(javafx.scene.control.Labeled::getText).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void aModelNotInUseIsPutInUseFromTheModelsDialog() throws Exception {
        Path project = demoWithKneesBoxed(4);
        // An untrained learner does no better than the atlas prior: kept, but not put in use.
        java.io.StringWriter out = new java.io.StringWriter();
        assertEquals(0, org.groundwork.app.cli.GroundworkCommand.execute(new java.io.PrintWriter(out),
                new java.io.PrintWriter(new java.io.StringWriter()), "train", project.toString(), "--epochs", "0"));
        assertTrue(out.toString().contains("not promoted"), out.toString());
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);

        robot.clickOn("Assist").clickOn("Models…");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#modelList").tryQuery().isPresent());
        String before = modelsOnScreen();
        assertTrue(before.startsWith("   cnn-boxes-") && !before.contains("★"), before);
        javafx.scene.control.Button use = robot.lookup("#useModel").queryButton();
        assertTrue(use.isDisabled(), "nothing chosen yet");
        robot.clickOn(robot.lookup("#modelList .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!use.isDisabled(), "a model not in use is chosen");
        robot.clickOn(use);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> modelsOnScreen().startsWith("★ cnn-boxes-"));
        String name = modelsOnScreen().lines().findFirst().orElseThrow().substring(2).split(" ")[0];
        assertTrue(modelsOnScreen().startsWith("★ " + name + " (in use)"), modelsOnScreen());
        assertEquals(name + " makes the suggestions from now on; the next training is compared with it.",
                robot.lookup("#statusMessage").queryAs(Label.class).getText());
        assertTrue(use.isDisabled(), "the model in use is not put in use again");
        assertTrue(modelsOnScreen().contains("\n      no proposals made with it yet"), modelsOnScreen());
        assertTrue(modelsOnScreen().matches("(?s).*\n      in use since 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, put in use by "
                + java.util.regex.Pattern.quote(org.groundwork.app.CurrentUser.name()) + "\n.*"), modelsOnScreen());
        Screenshots.write(robot.lookup("#assistModelsDialog").query().getScene(), "models-dialog-in-use");
        close("#assistModelsDialog");
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            var inUse = store.modelShelf().list().stream().filter(m -> m.promoted()).toList();
            assertEquals(List.of(name), inUse.stream().map(m -> m.name()).toList());
        }

        // Its proposals for a case, counted in the list.
        var fifth = app.mainWindow().worklist().shownCases().get(4);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(fifth)));
        RunningApp.waitForOpenCase(app, 30);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.G);
        var proposals = app.mainWindow().assistActions().proposals();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !proposals.pending().isEmpty());
        int made = proposals.pending().size();
        robot.clickOn("Assist").clickOn("Models…");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#modelList").tryQuery().isPresent());
        assertTrue(modelsOnScreen().contains("\n      proposals made: " + made + " (" + made + " pending); taken 0 of 0 decided"),
                modelsOnScreen());
        Screenshots.write(robot.lookup("#assistModelsDialog").query().getScene(), "models-dialog-proposals");
        close("#assistModelsDialog");
    }

    /** The demo project with the knees after the two example readings, up to {@code lastKnee}, boxed as the phantom says. */
    private Path demoWithKneesBoxed(int lastKnee) throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        Path project = DemoProject.ensure(tmp.resolve("demo"), org.groundwork.viewer.core.LoadMonitor.NONE);
        var protocol = org.groundwork.annotate.core.protocol.ProtocolReader.builtIn("knee-mri");
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            for (int knee = 3; knee <= lastKnee; knee++) {
                String series = org.groundwork.viewer.core.dicom.DicomSeriesWriter.uid("groundwork-demo-series-" + knee);
                long caseId = store.cases().stream().filter(c -> c.seriesUid().equals(series)).findFirst().orElseThrow().id();
                var truth = org.groundwork.assist.phantom.KneePhantom.generate(knee,
                        org.groundwork.assist.phantom.KneePhantom.Grid.coarse(128, 128, 48), protocol);
                for (var b : truth.boxes().values()) {
                    store.apply(new org.groundwork.annotate.core.project.Edit.PutBox(new org.groundwork.annotate.core.project.Box(
                            java.util.UUID.randomUUID().toString(), caseId, b.regionId(), null, b.min(), b.max(),
                            Provenance.human("dr.r", java.time.Instant.now()))), "dr.r");
                }
            }
        }
        return project;
    }

    @Test
    void withRetrainingOnFinishingACaseTrainsTheModelOnceEnoughNewCasesHaveBoxes() throws Exception {
        Path project = demoWithKneesBoxed(5); // five cases with boxes, no model yet
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
        robot.clickOn("Assist").clickOn("Retrain as Cases Are Finished");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#statusMessage").queryAs(Label.class).getText()
                .startsWith("The model is trained again in the background after every 5 more cases with boxes"),
                robot.lookup("#statusMessage").queryAs(Label.class).getText());

        var sixth = app.mainWindow().worklist().shownCases().get(5);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(sixth)));
        RunningApp.waitForOpenCase(app, 30);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#statusMessage").queryAs(Label.class).getText()
                .startsWith("Model trained: "));
        org.groundwork.testing.Screenshots.write(app.mainWindow().stage().getScene(), "retrained");

        // Nothing new to learn from: finishing another case trains nothing.
        var fifth = app.mainWindow().worklist().shownCases().get(4);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(fifth)));
        RunningApp.waitForOpenCase(app, 30);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String finished = "Case " + fifth.id() + " marked done.";
        assertEquals(finished, robot.lookup("#statusMessage").queryAs(Label.class).getText());
        robot.clickOn("Assist").clickOn("Models…");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#assistModelsDialog").tryQuery().isPresent());
        String list = modelsOnScreen();
        assertEquals(1, list.lines().filter(l -> l.contains("cnn-boxes-") && !l.contains("IoU")).count(), list);
        close("#assistModelsDialog");
        assertEquals(finished, robot.lookup("#statusMessage").queryAs(Label.class).getText(), "no second training started");
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(java.util.Optional.of("5"), store.setting(ProjectModels.RETRAIN_EVERY));
        }
    }

    /** Closes an information dialog; its OK button is what the user presses, here found by the dialog's id. */
    private void close(String dialogId) {
        javafx.scene.Node ok = robot.lookup(dialogId + " .button-bar .button").query();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.Button) ok).fire()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Suggestion pendingOf(List<Suggestion> pending, String region) {
        return pending.stream().filter(s -> s.regionId().equals(region)).findFirst().orElseThrow();
    }

    /** Moves the linked cursor to the proposal's centre, so that every view cuts it. */
    private void centreOn(Suggestion s) {
        RunningApp.centreOn(app, s.min(), s.max());
    }

    private double[] centre(Suggestion s) {
        return RunningApp.centre(app, s.min(), s.max());
    }

    private Point2D screenPoint(SliceView view, Suggestion s) {
        double[] xy = view.transform().toScreen(centre(s));
        return view.localToScreen(xy[0], xy[1]);
    }

    /** Pixels of exactly this colour in what the view shows. */
    private static int pixels(SliceView view, String colour) {
        return Screenshots.pixels(view, colour);
    }
}
