package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.groundwork.app.GroundworkApp;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.storage.dicomweb.OrthancServer;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File → Open from PACS as a reader uses it: the window from its shortcut, a server that is down
 * reported in words; against a real Orthanc, a study found by patient id, its series imported into
 * the open project as a new case on the worklist, and that case opened.
 */
@Tag("fx")
class PacsWindowTest {
    private final FxRobot robot = new FxRobot();
    private GroundworkApp app;

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start() throws Exception {
        System.setProperty("groundwork.pacs.cache", tmp.resolve("pacs-cache").toString());
        WindowLayoutStore.preferences("pacs").clear();
        app = RunningApp.start();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        System.clearProperty("groundwork.pacs.cache");
        WindowLayoutStore.preferences("pacs").clear();
    }

    private Node openWindow() throws Exception {
        robot.interact(() -> app.mainWindow().stage().requestFocus());
        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.E).release(KeyCode.E, KeyCode.SHIFT, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#pacsWindow").tryQuery().isPresent());
        return robot.lookup("#pacsWindow").query();
    }

    private void type(Node window, String id, String text) {
        TextField field = robot.from(window).lookup(id).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
    }

    private String message(Node window) {
        return robot.from(window).lookup("#pacsMessage").queryAs(Labeled.class).getText();
    }

    @Test
    void aServerThatIsDownIsSaidPlainly() throws Exception {
        Node window = openWindow();
        type(window, "#pacsAddress", "http://127.0.0.1:1/dicom-web");
        type(window, "#pacsUser", "reader");
        robot.clickOn("#pacsSearch");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message(window).contains("cannot connect"));
        assertEquals("http://127.0.0.1:1/dicom-web: searching studies: cannot connect (is the server running and the "
                + "address right?)", message(window));
        assertTrue(robot.from(window).lookup("#pacsImport").query().isDisabled(), "nothing to import");
        Screenshots.write(window.getScene(), "pacs-unreachable");
    }

    @Tag("servers")
    @Test
    void aStudyFoundByPatientIsImportedAsACaseAndOpens() throws Exception {
        assumeTrue(OrthancServer.installed(), "Debian's orthanc and orthanc-dicomweb are not installed");
        try (OrthancServer orthanc = new OrthancServer(Files.createDirectories(tmp.resolve("orthanc")))) {
            List<Path> files = SyntheticSeries.write(tmp.resolve("upload"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.90", 40,
                    32, 8, new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 2});
            for (Path f : files) {
                orthanc.upload(f);
            }
            Path project = tmp.resolve("project");
            SqliteProjectStore.openOrCreate(project).close();
            RunningApp.await(RunningApp.onFx(() -> app.mainWindow().projectActions().open(project,
                    SqliteProjectStore.Mode.READ_WRITE)));

            Node window = openWindow();
            type(window, "#pacsAddress", orthanc.dicomWebRoot().toString());
            type(window, "#pacsUser", OrthancServer.USER);
            robot.interact(() -> robot.from(window).lookup("#pacsSecret").queryAs(TextField.class)
                    .setText(OrthancServer.PASSWORD));
            robot.clickOn("#pacsSearch");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message(window).startsWith("1 series in the study"));
            Map<String, String> studies = rows(window, "#pacsStudies");
            assertEquals(1, studies.size(), studies.toString());
            assertFalse(robot.from(window).lookup("#pacsImport").query().isDisabled());
            Screenshots.write(window.getScene(), "pacs-search");

            robot.clickOn("#pacsImport");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message(window).startsWith("Imported 1 series"));
            assertEquals("Imported 1 series as 1 new case(s); 0 image(s) were already in the project.", message(window));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.mainWindow().worklist().list().getItems().size() == 1);
            try (var cached = Files.list(tmp.resolve("pacs-cache"))) {
                assertEquals(1, cached.count(), "one series folder in the cache");
            }
            RunningApp.await(RunningApp.onFx(() -> app.mainWindow().workspace().open(
                    app.mainWindow().worklist().list().getItems().get(0).record())));
            RunningApp.waitForOpenCase(app, 30);
            assertEquals(40, app.mainWindow().viewer().volumeProperty().get().nx());

            // The series leaves the cache (another workstation, or evicted): opening the case fetches it again.
            try (var cachedFiles = Files.walk(tmp.resolve("pacs-cache"))) {
                for (Path f : cachedFiles.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
            robot.interact(() -> app.mainWindow().viewer().reset());
            RunningApp.await(RunningApp.onFx(() -> app.mainWindow().workspace().open(
                    app.mainWindow().worklist().list().getItems().get(0).record())));
            RunningApp.waitForOpenCase(app, 30);
            try (var cached = Files.list(tmp.resolve("pacs-cache"))) {
                assertEquals(1, cached.count(), "the series is back in the cache");
            }
            try (var instances = Files.list(Files.list(tmp.resolve("pacs-cache")).findFirst().orElseThrow())) {
                assertEquals(8, instances.filter(f -> f.toString().endsWith(".dcm")).count());
            }
            assertEquals(40, app.mainWindow().viewer().volumeProperty().get().nx());
        }
    }

    private Map<String, String> rows(Node window, String table) {
        return robot.from(window).lookup(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() != null && row.isVisible())
                .collect(Collectors.toMap(row -> String.valueOf(row.getIndex()), row -> String.valueOf(row.getItem())));
    }
}
