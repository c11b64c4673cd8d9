package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.groundwork.app.AppVersion;
import org.groundwork.app.GroundworkApp;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real application class headless and checks what the user meets first. */
@Tag("fx")
class MainWindowSmokeTest {
    private final FxRobot robot = new FxRobot();
    private GroundworkApp app;

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stopApp() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    private GroundworkApp start() throws Exception {
        app = RunningApp.start();
        return app;
    }

    @Test
    void mainWindowHasMenusPanesAndStatusBar() throws Exception {
        start();
        Stage stage = app.mainWindow().stage();
        assertTrue(stage.isShowing());
        assertTrue(stage.getTitle().contains(AppVersion.get()));

        MenuBar menus = robot.lookup("#mainMenuBar").queryAs(MenuBar.class);
        List<String> names = menus.getMenus().stream().map(m -> m.getText()).collect(Collectors.toList());
        assertEquals(List.of("File", "View", "Annotate", "Project", "Assist", "Help"), names);

        SplitPane panes = robot.lookup("#mainPanes").queryAs(SplitPane.class);
        assertEquals(List.of("worklistPane", "imageArea", "annotationPane"),
                panes.getItems().stream().map(Node::getId).collect(Collectors.toList()));
        assertTrue(labelsOf("#imageArea").contains("Open a DICOM folder or NIfTI file…"));
        assertTrue(labelsOf("#worklistPane").stream().anyMatch(t -> t != null && t.startsWith("No project open.")),
                labelsOf("#worklistPane").toString());
        assertFalse(robot.lookup("#statusProgress").query().isVisible(), "no progress bar while nothing runs");
        assertFalse(robot.lookup("#statusCancel").query().isVisible());
        assertEquals("Ready.", robot.lookup("#statusMessage").queryAs(Label.class).getText());

        // What the user sees: the window's own size, a dark image area in the middle, light text on the menu bar.
        Path shot = Screenshots.write(stage.getScene(), "main-window");
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(shot.toFile());
        assertEquals((int) stage.getScene().getWidth(), picture.getWidth());
        assertEquals((int) stage.getScene().getHeight(), picture.getHeight());
        javafx.geometry.Bounds area = robot.lookup("#imageArea").query().localToScene(
                robot.lookup("#imageArea").query().getBoundsInLocal());
        int centre = picture.getRGB((int) area.getMinX() + 5, (int) area.getCenterY() + 40);
        assertTrue(brightness(centre) < 60, "the empty image area is dark: " + Integer.toHexString(centre));
        javafx.geometry.Bounds bar = menus.localToScene(menus.getBoundsInLocal());
        int brightest = 0;
        for (int x = (int) bar.getMinX(); x < Math.min(picture.getWidth(), (int) bar.getMinX() + 60); x++) {
            for (int y = (int) bar.getMinY(); y < (int) bar.getMaxY(); y++) {
                brightest = Math.max(brightest, brightness(picture.getRGB(x, y)));
            }
        }
        assertTrue(brightest > 150, "the \"File\" menu's letters are drawn: brightest " + brightest);
    }

    private static int brightness(int rgb) {
        return (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
    }

    @Test
    void viewMenuAndShortcutHideAndShowTheSidePanes() throws Exception {
        start();
        SplitPane panes = robot.lookup("#mainPanes").queryAs(SplitPane.class);
        robot.clickOn("#imageArea");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.W);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(panes.getItems().contains(robot.lookup("#worklistPane").tryQuery().orElse(null)));
        assertEquals(2, panes.getItems().size());
        app.mainWindow().saveLayout(); // must not fail with a pane hidden

        robot.clickOn("View").clickOn("Worklist");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("worklistPane", panes.getItems().get(0).getId());
        assertEquals(3, panes.getItems().size());
    }

    @Test
    void aboutDialogShowsTheVersion() throws Exception {
        start();
        robot.clickOn("Help").clickOn("About Groundwork");
        WaitForAsyncUtils.waitForFxEvents();
        Node dialog = robot.lookup("#aboutDialog").query();
        assertTrue(robot.from(dialog).lookup((Label l) -> l.getText() != null
                && l.getText().contains(AppVersion.get())).tryQuery().isPresent());
        Screenshots.write(dialog.getScene(), "about-dialog");
        robot.push(KeyCode.ESCAPE);
    }

    @Test
    void helpListsEveryMenuShortcutAndTheViewGestures() throws Exception {
        start();
        MenuBar menus = robot.lookup("#mainMenuBar").queryAs(MenuBar.class);
        List<ShortcutsDialog.Shortcut> all = ShortcutsDialog.collect(menus);
        assertTrue(all.stream().anyMatch(s -> s.action().equals("View → Three Planes and 3D")), all.toString());
        assertTrue(all.stream().anyMatch(s -> s.action().startsWith("Slice view → window")), all.toString());
        robot.push(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableView<?> table = robot.lookup("#shortcutsTable").queryAs(javafx.scene.control.TableView.class);
        assertEquals(all.size(), table.getItems().size(), "F1 lists every shortcut the menus have");
        List<String> shown = robot.from(table).lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class)
                .stream().filter(r -> r.getItem() != null)
                .map(r -> robot.from(r).lookup(".table-cell").queryAllAs(javafx.scene.control.Labeled.class).stream()
                        .map(javafx.scene.control.Labeled::getText).collect(Collectors.joining(" | "))).toList();
        assertTrue(shown.stream().anyMatch(row -> row.startsWith(javafx.scene.input.KeyCombination.keyCombination("Shortcut+O").getDisplayText() + " | File → Open Image File")),
                shown.toString());
        Screenshots.write(table.getScene(), "shortcuts");
        robot.push(KeyCode.ESCAPE);
    }

    @Test
    void aShortcutCanBeRebountInTheDialogAndStaysAfterARestart() throws Exception {
        start();
        MenuBar menus = robot.lookup("#mainMenuBar").queryAs(MenuBar.class);
        KeyBindings bindings = KeyBindings.forUser();
        try {
            robot.push(KeyCode.F1);
            WaitForAsyncUtils.waitForFxEvents();
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<ShortcutsDialog.Shortcut> table =
                    robot.lookup("#shortcutsTable").queryAs(javafx.scene.control.TableView.class);
            ShortcutsDialog.Shortcut box3d = table.getItems().stream()
                    .filter(s -> s.action().equals("Annotate → 3D Box Tool")).findFirst().orElseThrow();
            assertEquals("B", box3d.keys());
            // V is taken by the select tool: refused, and said so.
            WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(box3d)));
            robot.clickOn("#changeKeysButton");
            robot.push(KeyCode.V);
            assertTrue(robot.lookup("#shortcutsNote").queryAs(Label.class).getText().contains("already used by Select"));
            robot.clickOn("#changeKeysButton");
            robot.push(KeyCode.X);
            assertTrue(robot.lookup("#shortcutsNote").queryAs(Label.class).getText().endsWith("is now X."));
            Screenshots.write(table.getScene(), "shortcuts-rebound");
            robot.push(KeyCode.ESCAPE);
            FxToolkit.cleanupApplication(app);
            app = RunningApp.start();
            MenuBar restarted = robot.lookup("#mainMenuBar").queryAs(MenuBar.class);
            assertEquals("X", KeyBindings.items(restarted).stream().filter(i -> "box3dToolItem".equals(i.getId()))
                    .findFirst().orElseThrow().getAccelerator().getName(), "the new keys are kept");
            robot.push(KeyCode.X);
            assertEquals(org.groundwork.annotate.fx.box.BoxTools.Tool.BOX_3D,
                    app.mainWindow().workspace().boxes().toolProperty().get(), "X now picks the 3D box tool");
        } finally {
            WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> bindings.resetAll(
                    robot.lookup("#mainMenuBar").queryAs(MenuBar.class))));
        }
    }

    @Test
    void windowSizeAndDividersAreRememberedBetweenRuns() throws Exception {
        start();
        Stage stage = app.mainWindow().stage();
        SplitPane panes = robot.lookup("#mainPanes").queryAs(SplitPane.class);
        // As a user would: first resize the window, then drag the dividers.
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1100);
            stage.setHeight(700);
        }));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> panes.setDividerPositions(0.3, 0.6)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.3, panes.getDividerPositions()[0], 0.02);
        FxToolkit.cleanupApplication(app); // Application.stop() saves the layout
        FxToolkit.setupStage(Stage::hide);
        app = (GroundworkApp) FxToolkit.setupApplication(GroundworkApp.class); // keeping the saved layout
        WaitForAsyncUtils.waitForFxEvents();
        Stage again = app.mainWindow().stage();
        SplitPane panesAgain = robot.lookup("#mainPanes").queryAs(SplitPane.class);
        assertEquals(1100, again.getWidth(), 1);
        assertEquals(700, again.getHeight(), 1);
        assertEquals(0.3, panesAgain.getDividerPositions()[0], 0.02);
        assertEquals(0.6, panesAgain.getDividerPositions()[1], 0.02);
    }

    private List<String> labelsOf(String paneQuery) {
        return robot.from(robot.lookup(paneQuery).queryAll()).lookup((Label l) -> true)
                .queryAllAs(Label.class).stream().map(Label::getText).collect(Collectors.toList());
    }
}
