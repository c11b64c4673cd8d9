package org.groundwork.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.FileChooser;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolException;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import javafx.scene.control.TextArea;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.app.project.ProjectController;
import org.groundwork.app.project.DatasetImport;
import org.groundwork.dataset.importer.DatasetFormat;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;

/** File → Open Project… and Import Folder…: choosers, progress in the status bar, clear outcomes. */
public final class ProjectActions {
    private static final ButtonType READ_ONLY = new ButtonType("Open Read-Only", ButtonBar.ButtonData.OK_DONE);

    private final Stage owner;
    private final ProjectController projects;
    private final StatusBar statusBar;
    private final BooleanBinding canImport;
    private final RecentProject recent = RecentProject.forUser();

    ProjectActions(Stage owner, ProjectController projects, StatusBar statusBar) {
        this.owner = owner;
        this.projects = projects;
        this.statusBar = statusBar;
        this.canImport = Bindings.createBooleanBinding(
                () -> projects.storeProperty().get() != null && !projects.storeProperty().get().readOnly(),
                projects.storeProperty());
    }

    BooleanBinding canImportProperty() {
        return canImport;
    }

    void chooseAndOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open or create a project folder");
        var folder = chooser.showDialog(owner);
        if (folder == null) {
            return;
        }
        if (java.nio.file.Files.exists(folder.toPath().resolve(SqliteProjectStore.DATABASE))) {
            open(folder.toPath(), SqliteProjectStore.Mode.READ_WRITE);
        } else {
            chooseProtocol().ifPresent(p -> open(folder.toPath(), SqliteProjectStore.Mode.READ_WRITE, p));
        }
    }

    /**
     * File → Open Shared Project…: asks for the server address; the password comes from the
     * password file, never from this dialog, so it is neither typed where others see nor stored.
     */
    void askAndOpenShared() {
        javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog("postgresql://");
        ask.initOwner(owner);
        ask.setTitle("Open Shared Project");
        ask.setHeaderText("A project a team shares on a PostgreSQL server");
        ask.setContentText("Address:");
        ask.getEditor().setPromptText("postgresql://user@host:5432/database");
        ask.getEditor().setPrefColumnCount(36);
        ask.getDialogPane().setId("openSharedDialog");
        ask.getDialogPane().setExpandableContent(new javafx.scene.control.Label("The password is read from "
                + org.groundwork.storage.PasswordFile.location() + " (host:port:database:user:password).\n"
                + "Edits made while the server cannot be reached are kept on this workstation and written when it answers."));
        ask.showAndWait().map(String::strip).filter(a -> !a.isEmpty()).ifPresent(this::openShared);
    }

    /** Opens a shared project by its address; a failure (no server, wrong password) is said in words. */
    public Task<ProjectStore> openShared(String address) {
        Task<ProjectStore> task = projects.openShared(address);
        statusBar.track(task);
        task.setOnFailed(e -> showError("The shared project could not be opened", task.getException()));
        return task;
    }

    private static final String FROM_FILE = "From a protocol file…";

    /** A new project's protocol: one of the built-in ones (the knee is the default) or a file. */
    java.util.Optional<Protocol> chooseProtocol() {
        java.util.Map<String, Protocol> builtIn = new java.util.LinkedHashMap<>();
        for (String id : ProtocolReader.BUILT_IN) {
            Protocol p = ProtocolReader.builtIn(id);
            builtIn.put(p.name(), p);
        }
        List<String> choices = new java.util.ArrayList<>(builtIn.keySet());
        choices.add(FROM_FILE);
        ChoiceDialog<String> ask = new ChoiceDialog<>(choices.get(0), choices);
        ask.initOwner(owner);
        ask.setTitle("New project");
        ask.setHeaderText("This folder holds no project yet. Which protocol will the new project follow?");
        ask.setContentText("Protocol:");
        ask.getDialogPane().setId("protocolDialog");
        java.util.Optional<String> chosen = ask.showAndWait();
        if (chosen.isEmpty() || !chosen.get().equals(FROM_FILE)) {
            return chosen.map(builtIn::get);
        }
        FileChooser files = new FileChooser();
        files.setTitle("Choose a protocol file");
        files.getExtensionFilters().add(new FileChooser.ExtensionFilter("Protocol (JSON)", "*.json"));
        var file = files.showOpenDialog(owner);
        if (file == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(ProtocolReader.read(file.toPath()));
        } catch (ProtocolException e) {
            showError("The protocol cannot be used", e);
            return java.util.Optional.empty();
        }
    }

    /** The project to reopen at start, if the last one still exists. */
    java.util.Optional<Path> lastProject() {
        return recent.last();
    }

    /**
     * Help → Open Demo Project: makes the demo project once (in the background, with progress), opens
     * it, then runs {@code whenOpen}.
     */
    Task<Path> openDemo(Runnable whenOpen) {
        Path folder = org.groundwork.app.demo.DemoProject.folder();
        Task<Path> task = new org.groundwork.app.concurrent.MonitoredTask<>() {
            @Override
            protected Path call() throws Exception {
                updateMessage("Preparing the demo project in " + folder + "…");
                return org.groundwork.app.demo.DemoProject.ensure(folder, monitor());
            }
        };
        statusBar.track(task, true);
        task.setOnSucceeded(e -> open(task.getValue(), SqliteProjectStore.Mode.READ_WRITE)
                .addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, opened -> whenOpen.run()));
        task.setOnFailed(e -> showError("The demo project could not be made", task.getException()));
        return org.groundwork.app.concurrent.Background.start(task, "groundwork-demo");
    }

    /** File → Export…: asks for the options, then exports the open project in the background. */
    void chooseAndExport() {
        ProjectStore store = projects.storeProperty().get();
        if (store == null) {
            return;
        }
        ExportDialog.ask(owner, store.title())
                .ifPresent(options -> ExportDialog.run(owner, store, options, statusBar));
    }

    BooleanBinding canExportProperty() {
        return projects.storeProperty().isNotNull();
    }

    void chooseAndImport() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Import a folder of DICOM or NIfTI images");
        var folder = chooser.showDialog(owner);
        if (folder != null) {
            importFolder(folder.toPath());
        }
    }

    /** File → Import Dataset…: a Groundwork export or 3DReasonKnee-style records, as readings to review. */
    void chooseAndImportDataset() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a dataset for review");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Datasets (quintuples.jsonl, records, .mrk.json, dataset.json)", "*.jsonl", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        var file = chooser.showOpenDialog(owner);
        if (file != null) {
            importDataset(file.toPath());
        }
    }

    /** Imports a dataset's records into the open project, then says what was read and what was left out. */
    public Task<DatasetImport.Report> importDataset(Path dataset) {
        DatasetFormat format;
        try {
            format = DatasetFormat.detect(dataset);
        } catch (java.io.IOException e) {
            showError("The dataset could not be imported", e);
            return null;
        }
        Task<DatasetImport.Report> task = projects.importDataset(dataset, format);
        statusBar.track(task);
        task.setOnSucceeded(e -> {
            DatasetImport.Report report = task.getValue();
            List<String> leftOut = report.leftOut();
            Alert alert = dialog(leftOut.isEmpty() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING,
                    "Dataset imported for review",
                    report.written().readings() + " reading(s) written as \"imported: " + dataset.getFileName() + "\" ("
                            + report.written().boxes() + " box(es), " + report.written().steps() + " step(s), "
                            + report.written().grades() + " grade(s)); " + report.images().newCases() + " new case(s). "
                            + (leftOut.isEmpty() ? "Every record was read." : leftOut.size() + " record(s) or file(s) left out; "
                            + "see the details."));
            if (!leftOut.isEmpty()) {
                TextArea list = new TextArea(String.join("\n", leftOut));
                list.setEditable(false);
                alert.getDialogPane().setExpandableContent(list);
            }
            alert.getDialogPane().setId("datasetImportDialog");
            alert.getDialogPane().setMinWidth(560);
            alert.show();
        });
        task.setOnFailed(e -> showError("The dataset could not be imported", task.getException()));
        return task;
    }

    /** Opens a project; when another window holds it, offers to open it read-only. */
    public Task<ProjectStore> open(Path folder, SqliteProjectStore.Mode mode) {
        return open(folder, mode, SqliteProjectStore.defaultProtocol());
    }

    /** As {@link #open(Path, SqliteProjectStore.Mode)}; a project created now follows {@code protocol}. */
    public Task<ProjectStore> open(Path folder, SqliteProjectStore.Mode mode, Protocol protocol) {
        Task<ProjectStore> task = projects.open(folder, mode, protocol);
        statusBar.track(task);
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> recent.remember(folder));
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            if (error instanceof ProjectException p && p.getMessage().contains("open in another Groundwork window")) {
                Alert ask = dialog(Alert.AlertType.CONFIRMATION, "Project in use", p.getMessage());
                ask.getButtonTypes().setAll(READ_ONLY, ButtonType.CANCEL);
                ask.showAndWait().filter(READ_ONLY::equals).ifPresent(b -> open(folder, SqliteProjectStore.Mode.READ_ONLY));
            } else {
                showError("The project could not be opened", error);
            }
        });
        return task;
    }

    /** Imports a folder into the open project, then lists any file that could not be read. */
    public Task<ProjectImporter.Report> importFolder(Path folder) {
        Task<ProjectImporter.Report> task = projects.importFolders(List.of(folder));
        statusBar.track(task);
        task.setOnSucceeded(e -> {
            ProjectImporter.Report report = task.getValue();
            Notify.info(owner, "Import finished", report.newCases() + " new case(s), " + report.newImages()
                    + " new image(s)" + (report.alreadyPresent() > 0 ? ", " + report.alreadyPresent() + " already in the project" : "")
                    + (report.unreadable().isEmpty() ? "." : "; " + report.unreadable().size() + " file(s) could not be read."));
            if (!report.unreadable().isEmpty()) {
                Alert alert = dialog(Alert.AlertType.WARNING, "Some files could not be imported",
                        report.unreadable().size() + " file(s) could not be imported; the others were.");
                TextArea list = new TextArea(report.unreadable().stream()
                        .map(f -> f.file() + ": " + f.reason()).collect(Collectors.joining("\n")));
                list.setEditable(false);
                alert.getDialogPane().setExpandableContent(list);
                alert.getDialogPane().setId("importReportDialog");
                alert.show();
            }
        });
        task.setOnFailed(e -> showError("The import failed", task.getException()));
        return task;
    }

    private void showError(String header, Throwable error) {
        Alert alert = dialog(Alert.AlertType.ERROR, header, error == null ? "" : error.getMessage());
        alert.getDialogPane().setId("errorDialog");
        alert.show();
    }

    private Alert dialog(Alert.AlertType type, String header, String text) {
        Alert alert = new Alert(type, text);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        alert.setTitle("Groundwork");
        return alert;
    }
}
