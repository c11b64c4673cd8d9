package org.groundwork.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Readings;
import org.groundwork.app.CurrentUser;
import org.groundwork.app.project.ProjectController;
import org.groundwork.annotate.core.project.ProjectRepository;

/**
 * Project → Switch Reader…, Reading Setup… and Adjudicate: several readers take turns on one
 * workstation, cases are dealt to them, and an adjudicator makes the consensus.
 */
final class ReadingActions {
    private static final String READER_KEY = "reader";
    private final Window owner;
    private final ProjectController projects;
    private final CaseWorkspace workspace;
    private final StatusBar statusBar;
    private final Preferences preferences;
    private final ReadOnlyStringWrapper reader = new ReadOnlyStringWrapper(CurrentUser.name());
    private AdjudicationWindow adjudication;

    ReadingActions(Window owner, ProjectController projects, CaseWorkspace workspace, StatusBar statusBar,
                   Preferences preferences) {
        this.owner = owner;
        this.projects = projects;
        this.workspace = workspace;
        this.statusBar = statusBar;
        this.preferences = preferences;
        CurrentUser.readAs(preferences.get(READER_KEY, null)); // the reader chosen last time, if any
        reader.set(CurrentUser.name());
    }

    /** Who reads now, for the window title. */
    ReadOnlyStringProperty readerProperty() {
        return reader.getReadOnlyProperty();
    }

    /** Reads as another reader from now on; the open case opens again with that reader's answers. */
    void readAs(String name) {
        CurrentUser.readAs(name);
        preferences.put(READER_KEY, CurrentUser.name());
        reader.set(CurrentUser.name());
        statusBar.showMessage("Reading as " + CurrentUser.name() + ".");
        workspace.reopen();
    }

    /** Project → Switch Reader…: one of the project's readers, or a new name. */
    void chooseReader() {
        ProjectRepository store = projects.storeProperty().get();
        if (store == null) {
            showReaderChoice(knownReaders(null));
        } else {
            readThenShow(() -> knownReaders(store), this::showReaderChoice);
        }
    }

    private void showReaderChoice(List<String> known) {
        ComboBox<String> names = new ComboBox<>();
        names.setEditable(true);
        names.setId("readerChoice");
        names.getItems().setAll(known);
        names.setValue(CurrentUser.name());
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Switch Reader");
        dialog.setHeaderText("Who reads now? Answers are kept apart per reader; a blind project shows each reader "
                + "only their own.");
        dialog.getDialogPane().setContent(names);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().setId("switchReaderDialog");
        dialog.setResultConverter(b -> b == ButtonType.OK ? names.getEditor().getText() : null);
        dialog.showAndWait().filter(n -> !n.isBlank()).ifPresent(this::readAs);
    }

    /**
     * Reads what a dialog shows on the store thread, then shows it: the store may be busy with an
     * import, or be a server that is slow or gone, and the window must not wait on it.
     */
    private <T> void readThenShow(Callable<T> read, Consumer<T> show) {
        Task<T> task = projects.submit(read);
        task.setOnSucceeded(e -> show.accept(task.getValue()));
        task.setOnFailed(e -> statusBar.showMessage("The project could not be read: " + task.getException().getMessage()));
    }

    /** The project's readers and whoever reads now; called on the store thread. */
    private static List<String> knownReaders(ProjectRepository store) {
        List<String> known = new ArrayList<>(store == null ? List.of()
                : Readings.parse(store.setting(Readings.READERS).orElse("")));
        if (!known.contains(CurrentUser.name())) {
            known.add(CurrentUser.name());
        }
        return known;
    }

    /** The reading setup of a project, as chosen in the dialog. */
    record Setup(List<String> readers, int perCase, boolean blind, boolean deal) {
    }

    /** Project → Reading Setup…: the readers, how many read each case, blind or not, and dealing the cases. */
    void chooseSetup() {
        ProjectRepository store = projects.storeProperty().get();
        if (store == null || store.readOnly()) {
            statusBar.showMessage("Open a project (not read-only) first.");
            return;
        }
        readThenShow(() -> new Setup(knownReaders(store),
                Integer.parseInt(store.setting(Readings.PER_CASE).orElse("1")),
                Boolean.parseBoolean(store.setting(Readings.BLIND).orElse("false")), true), this::showSetup);
    }

    private void showSetup(Setup current) {
        TextField readers = new TextField(String.join(", ", current.readers()));
        readers.setId("setupReaders");
        readers.setPrefColumnCount(28);
        Spinner<Integer> perCase = new Spinner<>(1, Readings.MAX_PER_CASE, current.perCase());
        perCase.setId("setupPerCase");
        CheckBox blind = new CheckBox("Blind: each reader sees only their own answers until adjudication");
        blind.setId("setupBlind");
        blind.setSelected(current.blind());
        CheckBox deal = new CheckBox("Deal every case to the readers now, in turn (round-robin)");
        deal.setId("setupDeal");
        deal.setSelected(current.deal());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Readers (comma-separated):"), readers);
        grid.addRow(1, new Label("Readers per case:"), perCase);
        grid.add(blind, 0, 2, 2, 1);
        grid.add(deal, 0, 3, 2, 1);
        Dialog<Setup> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Reading Setup");
        dialog.setHeaderText("Several readers per case: who, how many each case, and whether they read blind.");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().setId("readingSetupDialog");
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? new Setup(Readings.parse(readers.getText()), perCase.getValue(), blind.isSelected(), deal.isSelected()) : null);
        dialog.showAndWait().ifPresent(this::apply);
    }

    /** Saves a setup and deals the cases when asked; returns the work on the store thread. */
    Task<Integer> apply(Setup setup) {
        ProjectRepository store = projects.storeProperty().get();
        if (setup.readers().isEmpty()) {
            statusBar.showMessage("Name at least one reader.");
            return null;
        }
        Task<Integer> task = projects.submit(() -> {
            store.putSetting(Readings.READERS, String.join(",", setup.readers()));
            store.putSetting(Readings.PER_CASE, String.valueOf(setup.perCase()));
            store.putSetting(Readings.BLIND, String.valueOf(setup.blind()));
            if (!setup.deal()) {
                return 0;
            }
            List<Long> cases = store.cases().stream().map(CaseRecord::id).toList();
            Map<Long, List<String>> dealt = Readings.roundRobin(cases, setup.readers(), setup.perCase());
            store.assignReaders(dealt);
            return dealt.size();
        });
        task.setOnSucceeded(e -> {
            statusBar.showMessage("Reading setup saved: " + setup.readers().size() + " reader(s), " + setup.perCase()
                    + " per case" + (setup.blind() ? ", blind" : "") + (task.getValue() > 0 ? "; " + task.getValue()
                    + " case(s) dealt." : "."));
            projects.republish();
            workspace.reopen();
        });
        task.setOnFailed(e -> statusBar.showMessage("The reading setup could not be saved: " + task.getException().getMessage()));
        return task;
    }

    /** Project → Readers of This Case…: deals the open case to readers by hand. */
    void chooseCaseReaders() {
        ProjectRepository store = projects.storeProperty().get();
        CaseRecord open = workspace.openCaseProperty().get();
        if (store == null || store.readOnly() || open == null) {
            statusBar.showMessage("Open a case of a project (not read-only) first.");
            return;
        }
        readThenShow(() -> store.readerAssignments().getOrDefault(open.id(), List.of()), dealt -> {
            javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog(String.join(", ", dealt));
            dialog.initOwner(owner);
            dialog.setTitle("Readers of This Case");
            dialog.setHeaderText("Who reads case " + open.id() + " (" + open.label() + ")? Comma-separated, in order.");
            dialog.getDialogPane().setId("caseReadersDialog");
            dialog.showAndWait().map(Readings::parse).ifPresent(readers -> assign(open.id(), readers));
        });
    }

    /** Deals one case to these readers. */
    Task<Void> assign(long caseId, List<String> readers) {
        ProjectRepository store = projects.storeProperty().get();
        Task<Void> task = projects.submit(() -> {
            store.assignReaders(Map.of(caseId, readers));
            return null;
        });
        task.setOnSucceeded(e -> {
            statusBar.showMessage("Case " + caseId + " is read by " + (readers.isEmpty() ? "anyone" : String.join(", ", readers)) + ".");
            projects.republish();
        });
        task.setOnFailed(e -> statusBar.showMessage("The readers could not be saved: " + task.getException().getMessage()));
        return task;
    }

    /** Project → Adjudicate Case…: the open case with every reading, and the window that makes the consensus. */
    void adjudicate() {
        if (workspace.openCaseProperty().get() == null) {
            statusBar.showMessage("Open a case read by several readers first.");
            return;
        }
        workspace.adjudicatingProperty().set(true);
        Task<?> reopening = workspace.reopen();
        reopening.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            if (adjudication == null) {
                adjudication = new AdjudicationWindow(owner, workspace, projects, statusBar,
                        () -> {
                            workspace.adjudicatingProperty().set(false);
                            workspace.reopen();
                        });
            }
            javafx.application.Platform.runLater(adjudication::show); // once the case's editor is in place
        });
    }

    Optional<AdjudicationWindow> adjudicationWindow() {
        return Optional.ofNullable(adjudication);
    }
}
