package org.groundwork.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.stage.Stage;
import org.groundwork.app.GroundworkApp;
import org.groundwork.app.ui.WindowLayoutStore;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real application for a GUI test, as a user's start would, and waits for its tasks. */
public final class RunningApp {
    /** Watches the FX thread for the whole test run, unless {@code -Dgroundwork.test.watchdog=false}. */
    public static final FxStallWatchdog WATCHDOG = "false".equals(System.getProperty("groundwork.test.watchdog"))
            ? null : new FxStallWatchdog(50);

    private RunningApp() {
    }

    /**
     * A fresh application with default window layout; the stage is not showing before it starts.
     * {@code args} are what {@code groundwork open} passes it (files, a project, a shared project's address).
     */
    public static GroundworkApp start(String... args) throws Exception {
        WindowLayoutStore.forUser().clear();
        FxToolkit.setupStage(Stage::hide);
        GroundworkApp app = (GroundworkApp) FxToolkit.setupApplication(GroundworkApp.class, args);
        WaitForAsyncUtils.waitForFxEvents();
        if (WATCHDOG != null && Boolean.getBoolean("groundwork.test.watchdog.verbose")) {
            WATCHDOG.drain().forEach(s -> System.err.println("STARTUP-STALL " + s.millis() + " ms\n  at " + s.stack()));
        }
        return app;
    }

    /** Runs an action that starts a task on the FX thread and returns the task. */
    public static <T> Task<T> onFx(Callable<Task<T>> action) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(action));
    }

    /** Waits until the task has finished and its handlers have run; returns its value. */
    public static <T> T await(Task<T> task) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, task::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        return task.get();
    }

    /** Opens the demo project (made where the test's properties say) and waits until its first case is on screen. */
    public static void openDemo(GroundworkApp app, int seconds) throws Exception {
        onFx(() -> app.mainWindow().openDemo());
        waitForOpenCase(app, seconds);
    }

    /** Waits until the case being opened has its images on screen. */
    public static void waitForOpenCase(GroundworkApp app, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> app.mainWindow().workspace().imageLoad() != null
                && app.mainWindow().workspace().imageLoad().isDone());
        WaitForAsyncUtils.waitForFxEvents();
    }


    /** The demo is made in {@code folder} (on a small grid when {@code coarse}) instead of the user's home. */
    public static void useDemoIn(java.nio.file.Path folder, boolean coarse) {
        System.setProperty(org.groundwork.app.demo.DemoProject.FOLDER_PROPERTY, folder.toString());
        if (coarse) {
            System.setProperty(org.groundwork.app.demo.DemoProject.GRID_PROPERTY, "coarse");
        }
    }

    /** Undoes {@link #useDemoIn}. */
    public static void forgetDemo() {
        System.clearProperty(org.groundwork.app.demo.DemoProject.FOLDER_PROPERTY);
        System.clearProperty(org.groundwork.app.demo.DemoProject.GRID_PROPERTY);
    }


    /** The patient point at the centre of the half-open voxel box [min, max) of the volume on screen. */
    public static double[] centre(GroundworkApp app, int[] min, int[] max) {
        org.groundwork.viewer.core.Volume v = app.mainWindow().viewer().volumeProperty().get();
        return v.voxelToLps().apply((min[0] + max[0] - 1) / 2.0, (min[1] + max[1] - 1) / 2.0, (min[2] + max[2] - 1) / 2.0);
    }

    /** Moves the linked cursor to the centre of the voxel box [min, max), so that every view cuts it. */
    public static void centreOn(GroundworkApp app, int[] min, int[] max) {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> app.mainWindow().viewer().crosshairProperty()
                .set(centre(app, min, max))));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
