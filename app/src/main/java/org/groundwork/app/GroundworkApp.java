package org.groundwork.app;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.groundwork.app.ui.MainWindow;
import org.groundwork.app.ui.WindowLayoutStore;

/** The JavaFX application: one main window whose layout is remembered between runs. */
public final class GroundworkApp extends Application {
    /** Parameter prefix: write a screenshot there once the first image is shown, then quit. */
    public static final String SCREENSHOT_OPTION = "--screenshot=";
    /** System property: "empty" starts on an empty window instead of the last project or the demo (GUI tests). */
    public static final String STARTUP_PROPERTY = "groundwork.startup";
    private static volatile int exitStatus;
    private MainWindow mainWindow;

    @Override
    public void start(Stage stage) {
        mainWindow = new MainWindow(stage, WindowLayoutStore.forUser());
        mainWindow.show();
        List<String> raw = getParameters().getRaw(); // from `groundwork open [--screenshot=PNG] PATH...`
        Path screenshot = raw.stream().filter(a -> a.startsWith(SCREENSHOT_OPTION))
                .map(a -> Path.of(a.substring(SCREENSHOT_OPTION.length()))).findFirst().orElse(null);
        List<String> args = raw.stream().filter(a -> !a.startsWith(SCREENSHOT_OPTION)).toList();
        if (args.size() == 1 && org.groundwork.storage.PostgresLocation.isLocation(args.get(0))) {
            mainWindow.projectActions().openShared(args.get(0)); // `groundwork open postgresql://...`
            return;
        }
        List<Path> paths = args.stream().map(Path::of).toList();
        if (raw.isEmpty() && !"empty".equals(System.getProperty(STARTUP_PROPERTY))) {
            mainWindow.openAtStart();
        } else if (paths.size() == 1 && java.nio.file.Files.exists(org.groundwork.storage.SqliteProjectStore
                .folderOf(paths.get(0)).resolve(org.groundwork.storage.SqliteProjectStore.DATABASE))) {
            // `groundwork open <project folder or its project.groundwork>` opens the project with its worklist.
            mainWindow.projectActions().open(org.groundwork.storage.SqliteProjectStore.folderOf(paths.get(0)),
                    org.groundwork.storage.SqliteProjectStore.Mode.READ_WRITE);
        } else if (!paths.isEmpty()) {
            var task = mainWindow.imageActions().open(paths);
            if (screenshot != null) {
                System.err.println("main window shown " + FirstFrame.sinceLaunch() + " ms after the JVM started");
                FirstFrame.screenshotThenQuit(mainWindow, task, screenshot, status -> exitStatus = status);
            }
        }
    }

    @Override
    public void stop() {
        if (mainWindow != null) {
            mainWindow.saveLayout();
            mainWindow.closeProject();
        }
    }

    /**
     * Starts the workstation with these parameters and waits until it closes; where no window can be
     * shown, says why in one sentence on {@code err} and returns 2 instead.
     */
    public static int launch(java.io.PrintWriter err, String... parameters) {
        java.util.Optional<String> problem = DesktopCheck.forThisMachine().problem();
        if (problem.isPresent()) {
            err.println("error: " + problem.get());
            err.flush();
            return 2;
        }
        Application.launch(GroundworkApp.class, parameters);
        return exitStatus;
    }

    /** Exit status for `groundwork open --screenshot`: 0 once the first image was written. */
    public static int exitStatus() {
        return exitStatus;
    }

    /** The window this application shows; for tests and wiring. */
    public MainWindow mainWindow() {
        return mainWindow;
    }
}
