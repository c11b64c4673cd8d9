package org.groundwork.testing;

import java.nio.file.Path;
import org.groundwork.app.GroundworkApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A test of the running workstation: the headless toolkit once per class, a robot, a temporary
 * folder, and after each test the application the test started closed and the demo folder forgotten.
 */
public abstract class WorkstationTest {
    protected final FxRobot robot = new FxRobot();
    /** The application the test started, if any. */
    protected GroundworkApp app;

    @TempDir
    protected Path tmp;

    @BeforeAll
    static void registerToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        RunningApp.forgetDemo();
    }
}
