package org.groundwork.app.ui;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.groundwork.app.concurrent.MonitoredTask;
import org.groundwork.app.project.ProjectController;
import org.groundwork.storage.dicomweb.DicomWebClient;
import org.groundwork.storage.dicomweb.PacsCache;
import org.groundwork.storage.dicomweb.PacsImport;
import org.groundwork.storage.dicomweb.PacsSeries;
import org.groundwork.storage.dicomweb.PacsServer;
import org.groundwork.storage.dicomweb.PacsStudy;
import org.groundwork.storage.dicomweb.StudyQuery;

/**
 * File → Open from PACS: sign in to a DICOMweb server, search studies (patient id, dates, modality,
 * accession), choose series, and import them into the open project, or open one in the viewer when
 * no project is open. Retrieval runs in the background with progress and Cancel. The address and
 * user are remembered; the password or token only for this session, in memory.
 */
final class PacsWindow {
    private static final ExecutorService NETWORK = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "groundwork-pacs");
        t.setDaemon(true);
        return t;
    });

    private final Stage owner;
    private final ProjectController projects;
    private final ImageActions images;
    private final StatusBar statusBar;
    private final PacsSession session;
    private final Preferences preferences;

    private final TextField address = field("pacsAddress", "http://pacs:8042/dicom-web");
    private final ChoiceBox<String> signIn = new ChoiceBox<>(FXCollections.observableArrayList("None", "User and password",
            "Bearer token"));
    private final TextField user = field("pacsUser", "user");
    private final PasswordField secret = new PasswordField();
    private final TextField patient = field("pacsPatient", "patient id (* ?)");
    private final TextField from = field("pacsFrom", "from YYYYMMDD");
    private final TextField to = field("pacsTo", "to YYYYMMDD");
    private final TextField modality = field("pacsModality", "MR, CT…");
    private final TextField accession = field("pacsAccession", "accession");
    private final TableView<PacsStudy> studies = new TableView<>();
    private final TableView<PacsSeries> series = new TableView<>();
    private final Button search = new Button("Search");
    private final Button importButton = new Button("Import into Project");
    private final Button openButton = new Button("Open in Viewer");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label("Sign in and search.");
    private Stage window;
    private Task<?> running;

    PacsWindow(Stage owner, ProjectController projects, ImageActions images, StatusBar statusBar, PacsSession session,
               Preferences preferences) {
        this.owner = owner;
        this.projects = projects;
        this.images = images;
        this.statusBar = statusBar;
        this.session = session;
        this.preferences = preferences;
        address.setText(preferences.get("address", ""));
        user.setText(preferences.get("user", ""));
        signIn.setValue(preferences.get("signIn", "User and password"));
        signIn.setId("pacsSignIn");
        signIn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        secret.setId("pacsSecret");
        secret.setPromptText("password or token");
        studies.setId("pacsStudies");
        studies.setPlaceholder(new Label("No study listed yet."));
        studies.getColumns().add(column("Patient ID", 110, PacsStudy::patientId));
        studies.getColumns().add(column("Name", 150, PacsStudy::patientName));
        studies.getColumns().add(column("Date", 80, PacsStudy::date));
        studies.getColumns().add(column("Accession", 90, PacsStudy::accession));
        studies.getColumns().add(column("Description", 180, PacsStudy::description));
        studies.getColumns().add(column("Modalities", 80, PacsStudy::modalities));
        studies.getColumns().add(column("Series", 55, s -> String.valueOf(s.series())));
        studies.getColumns().add(column("Images", 60, s -> String.valueOf(s.instances())));
        series.setId("pacsSeries");
        series.setPlaceholder(new Label("Choose a study to list its series."));
        series.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        series.getColumns().add(column("#", 40, s -> String.valueOf(s.number())));
        series.getColumns().add(column("Modality", 70, PacsSeries::modality));
        series.getColumns().add(column("Description", 260, PacsSeries::description));
        series.getColumns().add(column("Images", 60, s -> String.valueOf(s.instances())));
        studies.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> listSeries(now));
        search.setId("pacsSearch");
        search.setDefaultButton(true);
        search.setOnAction(e -> search());
        importButton.setId("pacsImport");
        importButton.setOnAction(e -> retrieve(true));
        importButton.disableProperty().bind(series.getSelectionModel().selectedItemProperty().isNull()
                .or(projects.storeProperty().isNull()).or(series.disabledProperty()));
        openButton.setId("pacsOpen");
        openButton.setOnAction(e -> retrieve(false));
        openButton.disableProperty().bind(series.getSelectionModel().selectedItemProperty().isNull()
                .or(series.disabledProperty()));
        cancel.setId("pacsCancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        message.setId("pacsMessage");
        message.setWrapText(true);
        progress.setId("pacsProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never cut to "Ser…"
        return l;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> text) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    void show() {
        if (window == null) {
            GridPane form = new GridPane();
            form.setHgap(6);
            form.setVgap(6);
            form.addRow(0, label("Server"), address, label("Sign in"), signIn, user, secret);
            form.addRow(1, label("Patient"), patient, label("Dates"), from, to, new HBox(6, modality, accession));
            address.setPrefColumnCount(28);
            GridPane.setHgrow(address, Priority.ALWAYS);
            HBox actions = new HBox(8, search, importButton, openButton, cancel);
            VBox.setVgrow(studies, Priority.ALWAYS);
            VBox root = new VBox(8, form, actions, new Label("Studies"), studies, new Label("Series (select one or more)"),
                    series, progress, message);
            root.setPadding(new Insets(10));
            window = new Stage();
            window.initOwner(owner);
            window.setTitle("Open from PACS");
            window.setScene(new Scene(root, 980, 640));
            window.getScene().getRoot().setId("pacsWindow");
        }
        window.show();
        window.toFront();
    }

    Stage stage() {
        return window;
    }

    private DicomWebClient client() {
        URI root = URI.create(address.getText().trim());
        String kind = signIn.getValue();
        PacsServer.Credentials credentials = "User and password".equals(kind)
                ? new PacsServer.Basic(user.getText().trim(), secret.getText())
                : "Bearer token".equals(kind) ? new PacsServer.Bearer(secret.getText().trim()) : new PacsServer.None();
        preferences.put("address", address.getText().trim());
        preferences.put("user", user.getText().trim());
        preferences.put("signIn", kind);
        return new DicomWebClient(new PacsServer(root, credentials));
    }

    private void search() {
        DicomWebClient pacs;
        try {
            pacs = client();
        } catch (IllegalArgumentException e) {
            message.setText("The server address is not valid: " + e.getMessage());
            return;
        }
        StudyQuery query = new StudyQuery(patient.getText(), from.getText(), to.getText(), modality.getText(),
                accession.getText());
        run(new MonitoredTask<List<PacsStudy>>() {
            @Override
            protected List<PacsStudy> call() throws Exception {
                updateMessage("Searching " + pacs.server() + "…");
                return pacs.searchStudies(query);
            }
        }, found -> {
            session.connected(pacs);
            studies.setItems(FXCollections.observableArrayList(found));
            series.getItems().clear();
            message.setText(found.size() + " stud" + (found.size() == 1 ? "y" : "ies") + " on " + pacs.server() + ".");
            studies.getSelectionModel().selectFirst();
        });
    }

    private void listSeries(PacsStudy study) {
        DicomWebClient pacs = session.client().orElse(null);
        series.getItems().clear();
        if (study == null || pacs == null) {
            return;
        }
        run(new MonitoredTask<List<PacsSeries>>() {
            @Override
            protected List<PacsSeries> call() throws Exception {
                updateMessage("Listing the series of " + study.patientId() + " " + study.date() + "…");
                return pacs.searchSeries(study.studyUid());
            }
        }, found -> {
            series.setItems(FXCollections.observableArrayList(found));
            series.getSelectionModel().selectAll();
            message.setText(found.size() + " series in the study of " + study.patientId() + ".");
        });
    }

    /** Retrieves the chosen series; then imports them into the project, or opens the first in the viewer. */
    private void retrieve(boolean intoProject) {
        DicomWebClient pacs = session.client().orElse(null);
        List<PacsSeries> chosen = List.copyOf(series.getSelectionModel().getSelectedItems());
        if (pacs == null || chosen.isEmpty()) {
            return;
        }
        PacsCache cache = session.cache();
        run(new MonitoredTask<List<Path>>() {
            @Override
            protected List<Path> call() throws Exception {
                updateMessage("Retrieving " + chosen.size() + " series from " + pacs.server() + "…");
                return PacsImport.retrieve(pacs, cache, chosen, monitor());
            }
        }, folders -> {
            if (!intoProject) {
                message.setText("Retrieved; opening in the viewer.");
                images.open(List.of(folders.get(0)));
                return;
            }
            var store = projects.storeProperty().get();
            Task<PacsImport.Result> importing = projects.submit(() -> {
                PacsImport.Result result = PacsImport.importRetrieved(store, pacs.server(), cache, chosen, folders,
                        org.groundwork.viewer.core.LoadMonitor.NONE);
                projects.republish();
                return result;
            });
            importing.setOnSucceeded(e -> {
                PacsImport.Result r = importing.getValue();
                String done = "Imported " + chosen.size() + " series as " + r.report().newCases() + " new case(s); "
                        + r.report().alreadyPresent() + " image(s) were already in the project.";
                message.setText(done);
                statusBar.showMessage(done);
            });
            importing.setOnFailed(e -> message.setText("The import failed: " + importing.getException().getMessage()));
        });
    }

    /**
     * Runs network work, one task at a time: a new search or listing replaces the one under way.
     * While a task runs, the controls that would start another (search, choosing a study, importing)
     * are disabled, so that only Cancel stops a retrieval.
     */
    private <T> void run(Task<T> task, java.util.function.Consumer<T> done) {
        if (running != null && running.isRunning()) {
            running.cancel();
        }
        running = task;
        progress.progressProperty().bind(task.progressProperty());
        message.setText(task.getMessage());
        task.messageProperty().addListener((o, was, now) -> message.setText(now));
        cancel.setDisable(false);
        search.setDisable(true);
        studies.setDisable(true);
        series.setDisable(true);
        task.setOnSucceeded(e -> {
            finished();
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finished();
            Throwable t = task.getException();
            message.setText(t.getMessage() == null ? t.toString() : t.getMessage());
        });
        task.setOnCancelled(e -> {
            finished();
            message.setText("Cancelled; series retrieved so far stay in the cache.");
        });
        NETWORK.execute(task);
    }

    private void finished() {
        progress.progressProperty().unbind();
        progress.setProgress(0);
        cancel.setDisable(true);
        search.setDisable(false);
        studies.setDisable(false);
        series.setDisable(false);
    }
}
