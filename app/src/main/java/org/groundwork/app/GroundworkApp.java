package org.groundwork.app;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.groundwork.app.ui.MainWindow;
import org.groundwork.app.ui.WindowLayoutStore;

/** The JavaFX application: one main window whose layout is remembered between runs. */
public final class GroundworkApp extends Application {
    private MainWindow mainWindow;

    @Override
    public void start(Stage stage) {
        mainWindow = new MainWindow(stage, WindowLayoutStore.forUser());
        mainWindow.show();
        List<String> paths = getParameters().getRaw(); // from `groundwork open PATH...`
        if (!paths.isEmpty()) {
            mainWindow.imageActions().open(paths.stream().map(Path::of).toList());
        }
    }

    @Override
    public void stop() {
        if (mainWindow != null) {
            mainWindow.saveLayout();
            mainWindow.closeProject();
        }
    }

    /** The window this application shows; for tests and wiring. */
    public MainWindow mainWindow() {
        return mainWindow;
    }
}
