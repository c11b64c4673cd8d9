package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Progress;
import org.groundwork.app.GroundworkApp;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A start without a recent project makes the demo and opens its first case; the next start reopens it. */
@Tag("fx")
class FirstStartTest {
    private final FxRobot robot = new FxRobot();
    private GroundworkApp app;

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void asAtFirstStart() throws Exception {
        RecentProject.forUser().forget();
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        System.setProperty(GroundworkApp.STARTUP_PROPERTY, "");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        System.setProperty(GroundworkApp.STARTUP_PROPERTY, "empty");
        RunningApp.forgetDemo();
        RecentProject.forUser().forget();
    }

    @Test
    void theFirstStartMakesTheDemoOpensItsFirstCaseAndTheNextStartReopensIt() throws Exception {
        app = RunningApp.start();
        RunningApp.waitForOpenCase(app, 90);

        // Six knees in the worklist, the first two done as examples, the first one open.
        List<CaseRecord> shown = app.mainWindow().worklist().shownCases();
        assertEquals(DemoProject.CASES, shown.size());
        List<String> rows = robot.lookup("#worklistList .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> !c.isEmpty()).map(ListCell::getText).toList();
        assertEquals(2, rows.stream().filter(t -> t.contains("Done")).count(), rows.toString());
        assertEquals(shown.get(0).id(), app.mainWindow().workspace().openCaseProperty().get().id());
        var volume = app.mainWindow().viewer().volumeProperty().get();
        assertEquals(128 * 128 * 48, volume.voxelCount());
        assertEquals("DICOM", volume.info().format());
        assertTrue(volume.info().patientName().startsWith("Phantom^"), volume.info().patientName());
        String progress = robot.lookup("#caseProgress").queryAs(Label.class).getText();
        assertTrue(progress.startsWith("5 question(s), 5 box(es), 100% complete"), progress);
        Screenshots.write(app.mainWindow().stage().getScene(), "first-start-demo");

        // The corner text says whose study it is, as a PACS viewer does, inside the view; it can be hidden.
        Label corner = robot.lookup("#axialView .view-top-info").queryAs(Label.class);
        assertTrue(corner.getText().startsWith("Phantom, Avery (GWDEMO-001)\n2026-01-05\nSag 3D DESS WE"), corner.getText());
        var axial = robot.lookup("#axialView").queryAs(javafx.scene.layout.Region.class);
        assertTrue(corner.getBoundsInParent().getMaxX() <= axial.getWidth(), "the text stays inside its view");
        robot.push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(corner.getText().startsWith("Sag 3D DESS WE"), corner.getText());
        Screenshots.write(app.mainWindow().stage().getScene(), "first-start-demo-patient-hidden");
        robot.push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(corner.getText().startsWith("Phantom, Avery"), corner.getText());

        // A notification, not a dialog, says what the demo is.
        assertTrue(robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().startsWith("6 synthetic knee MRIs")).tryQuery().isPresent(), "demo notification shown");

        // The region picker filters as one types: "cruciate" leaves the two cruciate ligaments.
        robot.clickOn("#regionChoice");
        robot.write("cruciate");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> offered = robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> !c.isEmpty() && c.getScene() != app.mainWindow().stage().getScene())
                .map(c -> c.getText() == null ? ((javafx.scene.control.Labeled) c.getGraphic()).getText() : c.getText()).toList();
        Screenshots.write(robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getScene() != app.mainWindow().stage().getScene()).findFirst().orElseThrow().getScene(),
                "region-search");
        assertTrue(offered.size() >= 2 && offered.stream().allMatch(t -> t.toLowerCase().contains("cruciate")), offered.toString());
        robot.push(javafx.scene.input.KeyCode.ESCAPE);

        // The status filter: ticking Done leaves the two example cases.
        robot.clickOn("#worklistFilter");
        robot.clickOn("Done");
        robot.push(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> doneRows = robot.lookup("#worklistList .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> !c.isEmpty()).map(ListCell::getText).toList();
        assertEquals(2, doneRows.size(), doneRows.toString());
        assertTrue(robot.lookup("#worklistFilter").queryAs(org.controlsfx.control.CheckComboBox.class).getTitle()
                .equals("Done"));
        Screenshots.write(app.mainWindow().stage().getScene(), "worklist-filter-done");

        // The examples are complete readings: boxes, steps pointing at boxes and views, every grade.
        Path project = DemoProject.project(tmp.resolve("demo"));
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            for (CaseRecord c : store.cases().subList(0, 2)) {
                assertEquals(CaseStatus.DONE, c.status());
                CaseAnnotations a = store.annotations(c.id());
                assertEquals(5, a.questions().size());
                assertEquals(1.0, Progress.completeness(a, store.protocol()), 1e-9);
                var steps = a.questions().stream().flatMap(q -> a.steps(q.id()).stream()).toList();
                assertTrue(steps.stream().anyMatch(s -> s.evidence() instanceof Evidence.BoxRef));
                assertTrue(steps.stream().anyMatch(s -> s.evidence() instanceof Evidence.ViewBookmark));
            }
            assertTrue(store.cases().subList(2, DemoProject.CASES).stream().allMatch(c -> c.status() != CaseStatus.DONE));
        }

        // The next start reopens the last project; the demo is not made again.
        Path firstImage = tmp.resolve("demo/images/knee-01/IM0001.dcm");
        var made = Files.getLastModifiedTime(firstImage);
        FxToolkit.cleanupApplication(app);
        app = RunningApp.start();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.mainWindow().worklist().shownCases().size() == DemoProject.CASES);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#worklistPane .pane-title").queryAs(Label.class).getText().contains("knee-demo-project"));
        assertEquals(made, Files.getLastModifiedTime(firstImage));
    }
}
