package org.groundwork.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.groundwork.app.concurrent.MonitoredTask;
import org.groundwork.viewer.core.FileOutcome;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.groundwork.viewer.fx.MprViewer;

/** File → Open Image File/Folder…, drag and drop, and `groundwork open`: load off the FX thread, then show. */
public final class ImageActions {
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "groundwork-open");
        t.setDaemon(true);
        return t;
    });
    private final Stage owner;
    private final StatusBar statusBar;
    private final MprViewer viewer;
    private final LoadReport report;

    ImageActions(Stage owner, StatusBar statusBar, MprViewer viewer) {
        this.owner = owner;
        this.statusBar = statusBar;
        this.viewer = viewer;
        this.report = new LoadReport(owner);
    }

    /** File → Load Report: every file of the last load with its outcome. */
    void showReport() {
        report.show();
    }

    void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a DICOM or NIfTI file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("DICOM and NIfTI", "*.dcm", "*.nii", "*.nii.gz", "DICOMDIR", "*"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            open(List.of(file.toPath()));
        }
    }

    void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of DICOM or NIfTI images");
        File folder = chooser.showDialog(owner);
        if (folder != null) {
            open(List.of(folder.toPath()));
        }
    }

    /** Loads the paths in the background; one volume is shown, several are offered in a picker. */
    /** What a load found, with thumbnails when there is a choice to make. */
    public record Loaded(ScanResult result, List<SeriesPicker.Choice> choices) {
    }

    public Task<Loaded> open(List<Path> paths) {
        Volume[] previewed = {null};
        Task<Loaded> task = new MonitoredTask<>() {
            @Override
            protected Loaded call() {
                updateMessage("Opening " + paths.get(0).getFileName() + "…");
                updateProgress(-1, 1);
                ScanResult result = new VolumeScanner().scan(paths, monitor());
                List<SeriesPicker.Choice> choices = result.volumes().size() > 1
                        ? result.volumes().stream().map(SeriesPicker.Choice::of).toList() : List.of();
                return new Loaded(result, choices);
            }

            @Override
            protected void onPreview(Volume loading) {
                // The middle slice is ready: show it while the other slices decode.
                javafx.application.Platform.runLater(() -> {
                    if (previewed[0] == null && !isDone()) {
                        previewed[0] = loading;
                        viewer.show(loading);
                    }
                });
            }
        };
        statusBar.track(task, true);
        task.setOnSucceeded(e -> shown(task.getValue(), previewed[0]));
        task.setOnCancelled(e -> statusBar.showMessage("Opening cancelled."));
        task.setOnFailed(e -> error("The images could not be opened", String.valueOf(task.getException())));
        loader.execute(task);
        return task;
    }

    private void shown(Loaded loaded, Volume previewed) {
        ScanResult result = loaded.result();
        List<Volume> volumes = result.volumes();
        report.update(result.report()); // opens by itself when a file was refused
        if (volumes.isEmpty()) {
            report.show();
            statusBar.showMessage("No image could be opened; File → Load Report says why for every file.");
            return;
        }
        Volume chosen = volumes.size() == 1 ? volumes.get(0) : SeriesPicker.pick(owner, loaded.choices()).orElse(null);
        if (chosen == null) {
            return;
        }
        if (chosen == previewed) {
            viewer.refresh(); // the slices decoded after the preview
        } else {
            viewer.show(chosen);
        }
        long refused = result.report().stream().filter(o -> o.kind() == FileOutcome.Kind.UNREADABLE).count();
        String unreadable = refused == 0 ? "" : "; " + refused + " file(s) unreadable (File → Load Report)";
        String warnings = chosen.warnings().isEmpty() ? "" : "; warning: " + String.join("; ", chosen.warnings());
        statusBar.showMessage(String.format(Locale.ROOT, "%s: %d x %d x %d%s%s", SeriesPicker.describe(chosen), chosen.nx(),
                chosen.ny(), chosen.nz(), unreadable, warnings));
    }

    private void error(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.ERROR, text);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        alert.getDialogPane().setId("errorDialog");
        alert.show();
    }
}
