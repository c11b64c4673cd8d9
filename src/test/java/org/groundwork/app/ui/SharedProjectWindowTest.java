package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.app.CurrentUser;
import org.groundwork.app.GroundworkApp;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.storage.PostgresLocation;
import org.groundwork.storage.PostgresProjectStore;
import org.groundwork.storage.PostgresServer;
import org.groundwork.storage.ProjectTransfer;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.storage.TeamRoles;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.viewer.core.LoadMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A shared project as two workstations see it, against a real PostgreSQL: the worklist follows
 * another workstation's change, a case the other holds opens read-only and says who has it, and an
 * edit made while the server is stopped is kept, shown as waiting, and on the server once it is back.
 */
@Tag("fx")
@Tag("servers")
class SharedProjectWindowTest {
    private final FxRobot robot = new FxRobot();
    private GroundworkApp app;
    private PostgresServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        CurrentUser.readAs(null);
        RunningApp.forgetDemo();
        System.clearProperty("groundwork.pgpass");
        System.clearProperty("groundwork.journal");
        if (server != null) {
            server.close();
        }
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /**
     * The demo project moved to a new server's database "shared", with {@code reader} a reader there who
     * signs in with the password {@code <reader>-pw}; this workstation's journal under the test's folder.
     */
    private PostgresLocation sharedDemo(String reader) throws Exception {
        assumeTrue(PostgresServer.installed(), "PostgreSQL 15 is not installed (Debian package postgresql)");
        server = new PostgresServer();
        Path passwords = Files.writeString(tmp.resolve("pgpass"), Files.readString(server.passwordFile())
                + "127.0.0.1:" + server.port() + ":*:" + reader + ":" + reader + "-pw\n");
        System.setProperty("groundwork.pgpass", passwords.toString());
        System.setProperty("groundwork.journal", tmp.resolve("journal").toString());
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        Path demo = DemoProject.ensure(tmp.resolve("demo"), LoadMonitor.NONE);
        PostgresLocation at = server.createDatabase("shared");
        try (SqliteProjectStore local = SqliteProjectStore.open(demo, SqliteProjectStore.Mode.READ_ONLY);
             PostgresProjectStore admin = PostgresProjectStore.openOrCreate(at, local.protocol())) {
            ProjectTransfer.copy(local, admin);
            TeamRoles.add(admin, reader, TeamRoles.Role.READER, (reader + "-pw").toCharArray());
        }
        return at;
    }

    @Test
    void aReaderOfASharedProjectIsToldThatAdjudicatorsTrainTheTeamsModel() throws Exception {
        PostgresLocation at = sharedDemo("rosa");
        app = RunningApp.start(server.location(at.database(), "rosa").toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#worklistCounts").startsWith("6 case(s)"));
        assertEquals("rosa", CurrentUser.name());

        robot.clickOn("Assist");
        // A disabled menu item is drawn greyed through its :disabled state (seen on the screenshot).
        var disabled = javafx.css.PseudoClass.getPseudoClass("disabled");
        assertTrue(robot.lookup("#retrainItem").query().getPseudoClassStates().contains(disabled),
                "a reader's session does not retrain the team's model");
        assertFalse(robot.lookup("#trainModelItem").query().getPseudoClassStates().contains(disabled));
        robot.clickOn("Train Model");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#statusMessage").startsWith("Training failed: "));
        assertTrue(text("#statusMessage").startsWith("Training failed: Only an adjudicator or an admin trains the team's model"),
                text("#statusMessage"));
        Screenshots.write(app.mainWindow().stage().getScene(), "shared-reader-train");
    }

    @Test
    void twoWorkstationsShareOneProjectAndAStoppedServerLosesNothing() throws Exception {
        PostgresLocation at = sharedDemo("other");
        app = RunningApp.start(at.toString()); // as `groundwork open postgresql://...` starts it
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#worklistCounts").startsWith("6 case(s)"));
        assertEquals("shared", robot.lookup(".worklist .pane-title").queryAs(Label.class).getText());
        assertEquals("groundwork", CurrentUser.name(), "the signed-in user reads and edits");
        String before = text("#worklistCounts");
        int doneBefore = Integer.parseInt(before.replaceAll(".*case\\(s\\), (\\d+) done.*", "$1"));

        try (PostgresProjectStore other = PostgresProjectStore.open(server.location("shared", "other"), false,
                Duration.ofSeconds(30))) {
            var cases = other.cases();
            CaseRecord held = cases.get(0);
            CaseRecord finished = cases.stream().filter(c -> c.status() != CaseStatus.DONE).skip(1).findFirst().orElseThrow();
            other.annotations(finished.id());
            other.apply(new Edit.SetCaseStatus(finished.id(), CaseStatus.DONE), "other");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> text("#worklistCounts").contains((doneBefore + 1) + " done"));

            assertTrue(other.lease(held.id(), "other").mine());
            RunningApp.await(RunningApp.onFx(() -> app.mainWindow().workspace().open(held)));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(text("#caseTitle").matches("Case " + held.id() + ": .* \\(read-only: it is being edited by other on .+\\)"),
                    text("#caseTitle"));
            Screenshots.write(app.mainWindow().stage().getScene(), "shared-case-held");
        }

        CaseRecord mine = app.mainWindow().worklist().list().getItems().stream().map(i -> i.record())
                .filter(c -> c.status() != CaseStatus.DONE).reduce((a, b) -> b).orElseThrow();
        RunningApp.await(RunningApp.onFx(() -> app.mainWindow().workspace().open(mine)));
        server.stop();
        robot.interact(() -> app.mainWindow().workspace().setStatus(CaseStatus.NEEDS_REVIEW));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#syncMark").query().isVisible());
        assertEquals("Offline: 1 edit kept on this workstation, written when the server answers", text("#syncMark"));
        Screenshots.write(app.mainWindow().stage().getScene(), "shared-offline");
        server.start();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#syncMark").query().isVisible());
        try (PostgresProjectStore check = PostgresProjectStore.open(at, true, Duration.ofSeconds(30))) {
            assertEquals(CaseStatus.NEEDS_REVIEW, check.cases().stream().filter(c -> c.id() == mine.id())
                    .findFirst().orElseThrow().status(), "the edit kept offline is on the server");
        }
    }
}
