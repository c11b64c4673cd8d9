package org.groundwork.app.ui;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.groundwork.annotate.fx.worklist.WorklistView;
import org.groundwork.app.AppVersion;
import org.groundwork.app.project.ProjectController;
import org.groundwork.viewer.fx.MprViewer;

/**
 * The workstation's main window: menu bar, worklist on the left, image area in the centre,
 * annotation pane on the right and a status bar. Its size and dividers survive restarts.
 */
public final class MainWindow {
    private final Stage stage;
    private final WindowLayoutStore layoutStore;
    private final SplitPane panes;
    private final StatusBar statusBar = new StatusBar();
    private final Node worklistPane;
    private final Node annotationPane;
    private final WorklistView worklist = new WorklistView();
    private final ProjectController projects = new ProjectController();
    private final ProjectActions projectActions;
    private final MprViewer viewer = new MprViewer();
    private final ImageActions imageActions;
    private final CaseWorkspace workspace;
    private final AssistActions assist;
    private final AgreementWindow agreement;
    private final ReadingActions reading;
    private final PacsSession pacsSession = PacsSession.forUser();
    private final PacsWindow pacs;
    private Tour tour;

    public MainWindow(Stage stage, WindowLayoutStore layoutStore) {
        this.stage = stage;
        this.layoutStore = layoutStore;

        worklistPane = worklist;
        Node emptyImageArea = EmptyState.create("imageEmpty", null,
                "Open a DICOM folder or NIfTI file…",
                "File → Open Image File… or Open Image Folder…, or drop files here.");
        viewer.setVisible(false);
        viewer.volumeProperty().addListener((obs, old, v) -> {
            viewer.setVisible(v != null);
            emptyImageArea.setVisible(v == null);
        });
        StackPane imageArea = new StackPane(emptyImageArea, viewer);
        imageArea.setId("imageArea");

        projectActions = new ProjectActions(stage, projects, statusBar);
        projects.syncProperty().addListener((obs, was, state) -> statusBar.showSync(state));
        imageActions = new ImageActions(stage, statusBar, viewer);
        workspace = new CaseWorkspace(projects, viewer, worklist, statusBar, imageActions, pacsSession);
        pacs = new PacsWindow(stage, projects, imageActions, statusBar, pacsSession, WindowLayoutStore.preferences("pacs"));
        assist = new AssistActions(projects, workspace, statusBar, viewer);
        agreement = new AgreementWindow(projects, workspace::open, statusBar);
        reading = new ReadingActions(stage, projects, workspace, statusBar, WindowLayoutStore.preferences("reading"));
        StackPane annotation = new StackPane(workspace.pane());
        annotation.setId("annotationPane");
        annotation.setMinWidth(0);
        annotationPane = annotation;
        panes = new SplitPane(worklistPane, imageArea, annotationPane);
        panes.setId("mainPanes");
        panes.setOrientation(Orientation.HORIZONTAL);
        // All three panes scale with the window, so the saved divider fractions restore exactly.

        // The display convention is a reader's standing preference, kept between runs.
        viewer.neurologicalProperty().set(layoutStore.neurological());
        viewer.neurologicalProperty().addListener((obs, was, on) -> layoutStore.saveNeurological(on));
        viewer.identifyingTextVisibleProperty().set(!layoutStore.hidePatientDetails());
        viewer.identifyingTextVisibleProperty().addListener((obs, was, on) -> layoutStore.saveHidePatientDetails(!on));
        DropTarget.install(imageArea, imageActions);
        projects.casesProperty().addListener((obs, old, list) -> showProject());
        projects.storeProperty().addListener((obs, old, store) -> showProject());
        projects.completenessProperty().addListener((obs, old, shares) -> showProject());
        projects.readerProgressProperty().addListener((obs, old, progress) -> showProject());
        projects.withoutProposalsProperty().addListener((obs, old, cases) -> showProject());
        MenuBar menuBar = new MainMenuBar(this, KeyBindings.forUser()).build();

        BorderPane root = new BorderPane(panes);
        root.setId("mainWindow");
        root.setTop(menuBar);
        root.setBottom(statusBar.node());

        Scene scene = new Scene(root);
        scene.getStylesheets().add(MainWindow.class.getResource("groundwork.css").toExternalForm());
        stage.setScene(scene);
        workspace.watch(stage, scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.concat("Groundwork " + AppVersion.get() + " · reading as ",
                reading.readerProperty()));
        statusBar.showMessage("Ready.");
    }

    public void show() {
        WindowLayout layout = layoutStore.load();
        applyLayout(layout);
        stage.show();
        // Start in the worklist, not its search field, so that single-key shortcuts (V, B, N) work at once.
        worklist.list().requestFocus();
    }

    /** The Assist menu's actions and the proposals they show; for the menus and tests. */
    /** The open project and its store thread; for tests that need to hold the thread. */
    ProjectController projects() {
        return projects;
    }

    /** Project → Switch Reader…, Reading Setup…, Adjudicate Case…. */
    ReadingActions reading() {
        return reading;
    }

    /** Project → Agreement between Readers. */
    AgreementWindow agreement() {
        return agreement;
    }

    public AssistActions assistActions() {
        return assist;
    }

    /** Help → Tour, made on first use. */
    public Tour tour() {
        if (tour == null) {
            tour = new Tour(stage.getScene(), WindowLayoutStore.preferences("tour"));
        }
        return tour;
    }

    /** What a start without arguments shows: the last project, or at the first start the demo on its first case. */
    public void openAtStart() {
        java.util.Optional<java.nio.file.Path> last = projectActions.lastProject();
        if (last.isPresent()) {
            projectActions.open(last.get(), org.groundwork.storage.SqliteProjectStore.Mode.READ_WRITE);
        } else {
            openDemo();
        }
    }

    /** Makes the demo project when needed, opens it and its first case. */
    public javafx.concurrent.Task<java.nio.file.Path> openDemo() {
        return projectActions.openDemo(() -> {
            var cases = projects.casesProperty().get();
            if (cases != null && !cases.isEmpty()) {
                worklist.select(cases.get(0).id());
                workspace.open(cases.get(0));
                Notify.info(stage, "Demo project", cases.size() + " synthetic knee MRIs; the first "
                        + org.groundwork.app.demo.DemoProject.ANNOTATED + " are read as examples. Help → Tour shows the workflow.");
            }
        });
    }

    /** Writes the current size, position and dividers so the next start looks the same. */
    public void saveLayout() {
        WindowLayout saved = layoutStore.load();
        double left = saved.leftDivider();
        double right = saved.rightDivider();
        if (panes.getItems().size() == 3) { // a hidden side pane keeps the dividers it had
            double[] dividers = panes.getDividerPositions();
            left = dividers[0];
            right = dividers[1];
        }
        layoutStore.save(new WindowLayout(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), left, right));
    }

    public Stage stage() {
        return stage;
    }

    /** Opening images; for the menus, drag and drop, and tests. */
    /** File → Open from PACS…. */
    PacsWindow pacs() {
        return pacs;
    }

    public ImageActions imageActions() {
        return imageActions;
    }

    public MprViewer viewer() {
        return viewer;
    }

    /** Opening and importing projects; for the menus and tests. */
    public ProjectActions projectActions() {
        return projectActions;
    }

    /** Releases the project (its lock, its connection) when the application stops. */
    public void closeProject() {
        workspace.stop();
        projects.close();
    }

    private void showProject() {
        var store = projects.storeProperty().get();
        if (store == null) {
            worklist.showNoProject();
        } else {
            worklist.showCases(store.title(), projects.casesProperty().get(),
                    projects.completenessProperty().get(), projects.readerProgressProperty().get(),
                    projects.withoutProposalsProperty().get(), store.readOnly());
        }
    }

    /** The open case and its annotation tools; for the menus and tests. */
    public CaseWorkspace workspace() {
        return workspace;
    }

    public WorklistView worklist() {
        return worklist;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    /** Shows or hides a side pane (worklist or annotation pane), keeping the other's divider. */
    void setSidePaneVisible(Node pane, boolean visible) {
        boolean shown = panes.getItems().contains(pane);
        if (visible == shown) {
            return;
        }
        if (!visible) {
            panes.getItems().remove(pane);
        } else if (pane == worklistPane) {
            panes.getItems().add(0, pane);
        } else {
            panes.getItems().add(pane);
        }
    }

    Node worklistPane() {
        return worklistPane;
    }

    Node annotationPane() {
        return annotationPane;
    }

    private void applyLayout(WindowLayout layout) {
        stage.setWidth(layout.width());
        stage.setHeight(layout.height());
        if (Double.isFinite(layout.x()) && Double.isFinite(layout.y()) && isOnAScreen(layout)) {
            stage.setX(layout.x());
            stage.setY(layout.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(layout.maximized());
        panes.setDividerPositions(layout.leftDivider(), layout.rightDivider());
    }

    /** A monitor that was unplugged must not leave the window off screen. */
    private static boolean isOnAScreen(WindowLayout layout) {
        return !Screen.getScreensForRectangle(layout.x(), layout.y(), 50, 50).isEmpty();
    }
}
