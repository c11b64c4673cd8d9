package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.groundwork.app.GroundworkApp;
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

/** Help → Tour on the demo: callouts at the real controls, the window usable meanwhile, resumable. */
@Tag("fx")
class TourTest {
    private final FxRobot robot = new FxRobot();
    private GroundworkApp app;

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void openDemo() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        WindowLayoutStore.preferences("tour").clear();
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        RunningApp.forgetDemo();
        WindowLayoutStore.preferences("tour").clear();
        RecentProject.forUser().forget();
    }

    @Test
    void theTourPointsAtEachControlNeverBlocksAndResumesWhereItWasLeft() throws Exception {
        robot.push(KeyCode.SHIFT, KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        Tour tour = app.mainWindow().tour();
        assertTrue(tour.showing());
        assertEquals("Open a case", text("#tourTitle"));
        assertEquals("1 of " + Tour.STOPS.size(), text("#tourCounter"));
        assertNear("#worklistList");

        // Each stop points at its own control, while the window goes on working.
        for (int n = 1; n < 4; n++) {
            robot.clickOn("#tourNext");
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(Tour.STOPS.get(n).title(), text("#tourTitle"));
            assertNear(Tour.STOPS.get(n).anchor());
        }
        Screenshots.write(robot.lookup("#tourCallout").query().getScene(), "tour-callout");
        var axialSlice = app.mainWindow().viewer().view(org.groundwork.viewer.core.render.Plane.AXIAL).sliceProperty();
        Node axial = robot.lookup("#axialView").query();
        Bounds view = axial.localToScreen(axial.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(view.getMinX() + 40, view.getMaxY() - 90)); // beside the callout
        int slice = axialSlice.get();
        robot.push(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(slice + 1, axialSlice.get(), "the window still takes keys");
        robot.scroll(2, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, Math.abs(axialSlice.get() - (slice + 1)), "and the mouse wheel");
        assertTrue(tour.showing());

        // Left at the fourth stop, resumed there.
        robot.clickOn("#tourClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(tour.showing());
        robot.push(KeyCode.SHIFT, KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("4 of " + Tour.STOPS.size(), text("#tourCounter"));
        for (int n = 4; n < Tour.STOPS.size(); n++) {
            robot.clickOn("#tourNext");
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals("Export the dataset", text("#tourTitle"));
        robot.clickOn("#tourNext"); // Finish
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(tour.showing());
        robot.push(KeyCode.SHIFT, KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1 of " + Tour.STOPS.size(), text("#tourCounter"), "a finished tour starts again");
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** The callout's arrow ends on (or right beside) the control it explains. */
    private void assertNear(String anchor) {
        Node target = robot.lookup(anchor).query();
        Bounds screen = target.localToScreen(target.getBoundsInLocal());
        Bounds callout = robot.lookup("#tourCallout").query().localToScreen(
                robot.lookup("#tourCallout").query().getBoundsInLocal());
        double gap = 60; // the arrow and the popover's margins
        boolean near = callout.getMinX() < screen.getMaxX() + gap && callout.getMaxX() > screen.getMinX() - gap
                && callout.getMinY() < screen.getMaxY() + gap && callout.getMaxY() > screen.getMinY() - gap;
        assertTrue(near, anchor + " at " + screen + ", callout at " + callout);
    }
}
