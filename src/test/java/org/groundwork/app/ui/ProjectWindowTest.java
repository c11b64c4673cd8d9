package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Opening a project and importing into it from the main window, as File → Open Project… does. */
@Tag("fx")
class ProjectWindowTest extends WorkstationTest {
    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start();
    }

    @SuppressWarnings("unchecked")
    private ListView<Object> worklist() {
        return robot.lookup("#worklistList").queryAs(ListView.class);
    }

    @Test
    void openImportSeeCasesAndFindThemAgainAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticSeries.write(data.resolve("a"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.1", 4, 4, 3,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        SyntheticSeries.write(data.resolve("b"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.2", 4, 4, 2,
                new double[] {0, 0, 0}, SyntheticSeries.SAGITTAL, new double[] {1, 1, 1});
        Files.writeString(data.resolve("notes.txt"), "not an image");
        Path project = tmp.resolve("knee-study");
        ProjectActions actions = app.mainWindow().projectActions();

        RunningApp.await(RunningApp.onFx(() -> actions.open(project, SqliteProjectStore.Mode.READ_WRITE)));
        assertEquals("0 case(s), 0 done, 0:00:00 spent", robot.lookup("#worklistCounts").queryAs(Label.class).getText());
        assertTrue(importItem().isDisable() == false, "Import Folder… is enabled once a project is open");

        RunningApp.await(RunningApp.onFx(() -> actions.importFolder(data)));
        assertEquals(2, worklist().getItems().size());
        assertTrue(robot.lookup("#statusMessage").queryAs(Label.class).getText().startsWith("Imported 2 new case(s)"));
        Node report = robot.lookup("#importReportDialog").query();
        Screenshots.write(report.getScene(), "import-report");
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> report.getScene().getWindow().hide()));
        Screenshots.write(app.mainWindow().stage().getScene(), "worklist-after-import");

        FxToolkit.cleanupApplication(app); // quits: the project is closed and unlocked
        app = RunningApp.start();
        RunningApp.await(RunningApp.onFx(() -> app.mainWindow().projectActions().open(project, SqliteProjectStore.Mode.READ_WRITE)));
        assertEquals(2, worklist().getItems().size());
    }

    @Test
    void aDatasetMadeElsewhereIsImportedForReviewAndItsReadingsAreOnTheCases() throws Exception {
        // 3DReasonKnee-style records on one exported volume of an annotated project, one of them unusable.
        Path exported = tmp.resolve("exported");
        try (SqliteProjectStore source = SqliteProjectStore.open(org.groundwork.dataset.export.ExportFixtures.project(tmp),
                SqliteProjectStore.Mode.READ_ONLY)) {
            org.groundwork.dataset.export.DatasetExporter.export(source, org.groundwork.dataset.export.ExportOptions.of(
                    exported, java.util.EnumSet.of(org.groundwork.dataset.export.ExportFormat.QUINTUPLES)),
                    org.groundwork.viewer.core.LoadMonitor.NONE);
        }
        String image = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readAllLines(exported.resolve("quintuples.jsonl")).get(0)).get("image").asText();
        Path records = exported.resolve("records.jsonl");
        Files.writeString(records, "{\"image\":\"" + image + "\",\"prompt\":\"Cartilage of the femur medial central?\","
                + "\"answer\":\"Step 1: thin. Final diagnosis: {\\\"bbox\\\":[2,9,3,15,4,12],\\\"Size of lesion\\\":2,"
                + "\\\"Depth of lesion\\\":1}\"}\n{\"image\":\"" + image + "\",\"answer\":\"no diagnosis\"}\n");
        ProjectActions actions = app.mainWindow().projectActions();
        RunningApp.await(RunningApp.onFx(() -> actions.open(tmp.resolve("review"), SqliteProjectStore.Mode.READ_WRITE)));

        RunningApp.await(RunningApp.onFx(() -> actions.importDataset(records)));
        assertEquals(1, worklist().getItems().size(), "the record's image became a case");
        Node dialog = robot.lookup("#datasetImportDialog").query();
        String text = robot.from(dialog).lookup(".content").queryAs(Label.class).getText();
        assertTrue(text.startsWith("1 reading(s) written as \"imported: records.jsonl\" (1 box(es), 1 step(s), 2 grade(s)); "
                + "1 new case(s). 1 record(s) or file(s) left out"), text);
        Screenshots.write(dialog.getScene(), "dataset-import-report");
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> dialog.getScene().getWindow().hide()));
    }

    @Test
    void aProjectOpenElsewhereCanBeOpenedReadOnlyFromTheDialog() throws Exception {
        Path project = tmp.resolve("busy");
        try (SqliteProjectStore elsewhere = SqliteProjectStore.openOrCreate(project)) {
            Task<org.groundwork.storage.ProjectStore> task = RunningApp.onFx(() -> app.mainWindow().projectActions().open(project,
                    SqliteProjectStore.Mode.READ_WRITE));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, task::isDone);
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.write(robot.lookup(".dialog-pane").query().getScene(), "project-in-use");
            robot.clickOn("Open Read-Only");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> robot.lookup("#worklistPane .pane-title").queryAs(Label.class).getText().endsWith("(read-only)"));
            assertTrue(importItem().isDisable(), "a read-only project cannot be imported into");
        }
    }

    private MenuItem importItem() {
        MenuBar bar = robot.lookup("#mainMenuBar").queryAs(MenuBar.class);
        return bar.getMenus().get(0).getItems().stream().filter(i -> "importFolderItem".equals(i.getId()))
                .findFirst().orElseThrow();
    }
}
