package org.groundwork.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.input.KeyCode;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.fx.MprViewer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes the pictures of docs/user-guide.md from the real application on the demo project (at its
 * realistic grid), so that a change to the screen changes the guide; and checks that the guide shows
 * exactly the pictures made here.
 */
@Tag("fx")
class UserGuidePicturesTest extends WorkstationTest {
    private static final Path DOCS = Path.of("..", "docs");
    private final Set<String> written = new TreeSet<>();

    @Test
    void theGuidesPicturesComeFromTheApplicationOnTheDemo() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), false); // the realistic grid: the pictures show what users see
        app = RunningApp.start();
        RunningApp.openDemo(app, 180);
        MprViewer viewer = app.mainWindow().viewer();
        assertEquals(384 * 384 * 160, viewer.volumeProperty().get().voxelCount(), "the demo at its real size");
        picture("first-start");

        robot.push(KeyCode.SHIFT, KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        picture("tour");
        robot.clickOn("#tourClose");

        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            viewer.singlePlaneProperty().set(Plane.SAGITTAL);
            viewer.layoutProperty().set(MprViewer.Layout.SINGLE);
        }));
        WaitForAsyncUtils.waitForFxEvents();
        picture("reading-sagittal");

        // Assist on the third knee, which no one has read yet.
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT2);
        var third = app.mainWindow().worklist().shownCases().get(2);
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().workspace().open(third)));
        RunningApp.waitForOpenCase(app, 60);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.G);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !app.mainWindow().assistActions().proposals().pending().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        picture("assist-proposals");

        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT3);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS); // the 3D view renders on the CPU in the background
        WaitForAsyncUtils.waitForFxEvents();
        picture("three-planes-and-3d");

        // The guide shows exactly the pictures made here.
        String guide = Files.readString(DOCS.resolve("user-guide.md"));
        Set<String> shown = new TreeSet<>();
        Matcher m = Pattern.compile("\\(user-guide/([a-z0-9-]+)\\.png\\)").matcher(guide);
        while (m.find()) {
            shown.add(m.group(1));
        }
        assertEquals(written, shown);
    }

    private void picture(String name) {
        Path file = Screenshots.writeWindow(app.mainWindow().stage(), DOCS.resolve("user-guide").resolve(name + ".png"));
        assertTrue(file.toFile().length() > 10_000, name);
        written.add(name);
    }
}
