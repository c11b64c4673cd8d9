package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.storage.ProjectSeeder;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.FxStallWatchdog;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.WorkstationTest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A reading session on a 10,000-case project: it opens while the store counts the completeness of
 * cases it has never counted, and the reader edits at once, scrolls the worklist and saves. The
 * FX thread never waits on the store (the watchdog fails the test otherwise), and what was done is
 * on screen and on disk.
 */
class LargeProjectSessionTest extends WorkstationTest {
    private static final int SEEDED = 10_000;

    @Test
    void editsDuringTheOpeningOfALargeProjectNeverHoldTheScreen() throws Exception {
        Path demo = tmp.resolve("demo");
        RunningApp.useDemoIn(demo, true);
        DemoProject.ensure(demo, org.groundwork.viewer.core.LoadMonitor.NONE);
        try (SqliteProjectStore store = SqliteProjectStore.open(DemoProject.project(demo), SqliteProjectStore.Mode.READ_WRITE)) {
            ProjectSeeder.seed(store, SEEDED, 10); // 100,000 boxes, no completeness counted yet
        }
        app = RunningApp.start();
        RunningApp.openDemo(app, 120);
        MainWindow w = app.mainWindow();
        CaseEditor editor = w.workspace().editor();
        long caseId = editor.caseId();
        for (int n = 0; n < 40; n++) {
            Box box = new Box("session-" + n, caseId, "acl", null, new int[] {1, 1, n % 8}, new int[] {6, 6, n % 8 + 2},
                    Provenance.human("reader", Instant.now()));
            WaitForAsyncUtils.asyncFx(() -> {
                editor.apply(new Edit.PutBox(box));
                return null;
            });
            Thread.sleep(10);
        }
        WaitForAsyncUtils.asyncFx(() -> w.worklist().list().scrollTo(w.worklist().list().getItems().size() - 1));
        Label saving = robot.lookup("#savingMark").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !saving.isVisible());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(SEEDED + DemoProject.CASES, w.worklist().list().getItems().size());
        assertTrue(robot.lookup(".list-cell").queryAllAs(ListCell.class).stream().anyMatch(c -> c.isVisible()
                && c.getText() != null && c.getText().contains("Synthetic case " + (SEEDED - 1))
                || c.getGraphic() != null && robot.from(c).lookup((javafx.scene.Node x) -> x instanceof javafx.scene.text.Text t
                && t.getText().contains("Synthetic case " + (SEEDED - 1))).tryQuery().isPresent()),
                "the last case is on screen after scrolling");
        try (SqliteProjectStore other = SqliteProjectStore.open(DemoProject.project(demo), SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(40, other.annotations(caseId).boxes().stream().filter(b -> b.id().startsWith("session-")).count());
        }
        List<FxStallWatchdog.Stall> stalls = RunningApp.WATCHDOG.drain();
        stalls.forEach(s -> System.err.println("session stall " + s.millis() + " ms" + (s.waitingOnGroundwork()
                ? " waiting on Groundwork" : "") + "\n  at " + s.stack().lines().limit(6).reduce((a, b) -> a + "\n  at " + b).orElse("")));
        assertTrue(stalls.stream().noneMatch(FxStallWatchdog.Stall::waitingOnGroundwork), "the FX thread waited on the store");
    }
}
