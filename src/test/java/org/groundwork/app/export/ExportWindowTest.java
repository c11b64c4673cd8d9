package org.groundwork.app.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.dataset.export.ExportFixtures;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** File → Export… as a user runs it: choose formats and a folder, watch it finish, read the outcome. */
@Tag("fx")
class ExportWindowTest extends WorkstationTest {
    @Test
    void exportFromTheFileMenu() throws Exception {
        Path project = ExportFixtures.project(tmp);
        app = RunningApp.start();
        RunningApp.await(RunningApp.onFx(() -> app.mainWindow().projectActions().open(project,
                SqliteProjectStore.Mode.READ_WRITE)));
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.X);
        WaitForAsyncUtils.waitForFxEvents();
        Node dialog = robot.lookup("#exportDialog").query();
        robot.clickOn("#format-monai").clickOn("#format-slicer").clickOn("#onlyCompleteBox");
        Path dataset = tmp.resolve("from-the-window");
        robot.clickOn("#exportFolderField").write(dataset.toString());
        Screenshots.write(dialog.getScene(), "export-dialog");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#exportDoneDialog").tryQuery().isPresent());
        Node done = robot.lookup("#exportDoneDialog").query();
        Screenshots.write(done.getScene(), "export-done");
        assertTrue(Files.isRegularFile(dataset.resolve("quintuples.jsonl")));
        assertTrue(Files.isRegularFile(dataset.resolve("dataset.json")));
        try (var markups = Files.list(dataset.resolve("markups"))) {
            assertTrue(markups.count() == 4, "one .mrk.json per complete case");
        }
        robot.push(KeyCode.ESCAPE);
    }
}
