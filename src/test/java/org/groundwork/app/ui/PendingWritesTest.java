package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.WorkstationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The screen never waits on the disk: an edit shows at once, marked as saving until it is committed. */
@Tag("fx")
class PendingWritesTest extends WorkstationTest {
    @BeforeEach
    void open() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
    }

    private Label savingMark() {
        return robot.lookup("#savingMark").queryAs(Label.class);
    }

    @Test
    void anEditShowsAtOnceWhileTheStoreIsBusyAndIsSavedWhenItIsFree() throws Exception {
        MainWindow w = app.mainWindow();
        CaseEditor editor = w.workspace().editor();
        long caseId = editor.caseId();
        CountDownLatch busy = new CountDownLatch(1);
        w.projects().submit(() -> busy.await(30, TimeUnit.SECONDS)); // the store thread held, as by a slow disk
        Box box = new Box("pending-box", caseId, "acl", null, new int[] {1, 1, 1}, new int[] {5, 5, 5},
                Provenance.human("reader", Instant.now()));
        long start = System.nanoTime();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(() -> {
            editor.apply(new Edit.PutBox(box));
            return null;
        }));
        // The store is held for 30 s: an FX thread that waited on it would take that long, not 10 s.
        assertTrue((System.nanoTime() - start) / 1e6 < 10_000, "the FX thread did not wait for the disk");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(editor.current().box("pending-box").isPresent(), "on screen at once");
        assertTrue(savingMark().isVisible());
        assertEquals("Saving 1 edit…", savingMark().getText());
        try (SqliteProjectStore other = SqliteProjectStore.open(DemoProject.project(tmp.resolve("demo")),
                SqliteProjectStore.Mode.READ_ONLY)) {
            assertTrue(other.annotations(caseId).box("pending-box").isEmpty(), "not on disk yet");
        }

        busy.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !savingMark().isVisible());
        try (SqliteProjectStore other = SqliteProjectStore.open(DemoProject.project(tmp.resolve("demo")),
                SqliteProjectStore.Mode.READ_ONLY)) {
            assertTrue(other.annotations(caseId).box("pending-box").isPresent(), "committed");
        }
    }

    @Test
    void anEditTheStoreRefusesIsTakenOffTheScreenWithTheReason() throws Exception {
        MainWindow w = app.mainWindow();
        CaseEditor editor = w.workspace().editor();
        long caseId = editor.caseId();
        // A step of a question that does not exist: the model takes it, the store refuses it.
        ReasoningStep orphan = new ReasoningStep("orphan-step", "no-such-question", "lost?", null,
                Provenance.human("reader", Instant.now()));
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            editor.apply(new Edit.PutStep(caseId, orphan, 0));
            return null;
        }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.workspace().editor() != editor
                && w.workspace().editor() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(w.workspace().editor().current().steps("no-such-question").isEmpty(), "the case shows what is saved");
        assertFalse(savingMark().isVisible());
        // A notification says why, visible for a while whatever the status bar says next.
        assertTrue(robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().startsWith("An edit could not be saved (")
                && l.getText().endsWith("the case shows what is saved.")).tryQuery().isPresent(), "the reason is shown");
    }
}
