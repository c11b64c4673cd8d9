package org.groundwork.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.groundwork.app.concurrent.MonitoredTask;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.dataset.export.DatasetExporter;
import org.groundwork.dataset.export.ExportFormat;
import org.groundwork.dataset.export.ExportOptions;
import org.groundwork.dataset.export.ExportReport;

/**
 * File → Export…: the formats, the split, whether to leave out incomplete cases and where to write;
 * the export runs in the background with progress and Cancel, and ends with what was written and
 * what was left out.
 */
final class ExportDialog {
    private static final Map<ExportFormat, String> NAMES = new EnumMap<>(Map.of(
            ExportFormat.QUINTUPLES, "Quintuples (JSONL, 3DReasonKnee style) with splits",
            ExportFormat.NIFTI, "Label masks (NIfTI, one value per region)",
            ExportFormat.MONAI, "MONAI datalist (dataset.json)",
            ExportFormat.SLICER, "3D Slicer ROI markups (.mrk.json)",
            ExportFormat.COCO, "COCO (2D boxes, slices as PNG)",
            ExportFormat.SFT, "Conversations for fine-tuning (SFT)"));

    private ExportDialog() {
    }

    /** Asks for the options; empty when cancelled or when the input is not usable (the dialog says why). */
    static Optional<ExportOptions> ask(Stage owner, String projectName) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export Dataset");
        dialog.setHeaderText("Export " + projectName + " as a de-identified dataset");
        dialog.getDialogPane().setId("exportDialog");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        Map<ExportFormat, CheckBox> boxes = new EnumMap<>(ExportFormat.class);
        int row = 0;
        grid.add(new Label("Formats (volumes are always written as NIfTI):"), 0, row++, 3, 1);
        for (ExportFormat f : ExportFormat.values()) {
            CheckBox box = new CheckBox(NAMES.get(f));
            box.setId("format-" + f.id());
            box.setSelected(f == ExportFormat.QUINTUPLES);
            boxes.put(f, box);
            grid.add(box, 0, row++, 3, 1);
        }
        ChoiceBox<String> style = new ChoiceBox<>();
        style.getItems().addAll("llava", "qwen2.5");
        style.setValue("llava");
        style.disableProperty().bind(boxes.get(ExportFormat.SFT).selectedProperty().not());
        grid.add(new Label("SFT style:"), 0, row);
        grid.add(style, 1, row++);
        TextField split = new TextField("0.8,0.1,0.1");
        split.setId("splitField");
        grid.add(new Label("Train, validation, test:"), 0, row);
        grid.add(split, 1, row++);
        CheckBox complete = new CheckBox("Only complete cases");
        complete.setId("onlyCompleteBox");
        grid.add(complete, 0, row++, 3, 1);
        ChoiceBox<String> readings = new ChoiceBox<>();
        readings.setId("readingsChoice");
        readings.getItems().addAll("all", "consensus");
        readings.setValue("all");
        grid.add(new Label("Readings of cases read by several readers:"), 0, row);
        grid.add(readings, 1, row++);
        TextField folder = new TextField();
        folder.setId("exportFolderField");
        folder.setPromptText("a new or empty folder");
        folder.setPrefColumnCount(30);
        Button browse = new Button("Browse…");
        browse.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the dataset");
            File chosen = chooser.showDialog(owner);
            if (chosen != null) {
                folder.setText(chosen.toPath().resolve(projectName + "-dataset").toString());
            }
        });
        HBox.setHgrow(folder, Priority.ALWAYS);
        grid.add(new Label("Write to:"), 0, row);
        grid.add(new HBox(4, folder, browse), 1, row, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.isEmpty() || answer.get() != ButtonType.OK) {
            return Optional.empty();
        }
        Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
        boxes.forEach((f, box) -> {
            if (box.isSelected()) {
                formats.add(f);
            }
        });
        try {
            if (folder.getText().isBlank()) {
                throw new IllegalArgumentException("choose a folder to write the dataset to");
            }
            double[] shares = java.util.Arrays.stream(split.getText().split(",")).mapToDouble(s -> Double.parseDouble(s.strip()))
                    .toArray();
            return Optional.of(new ExportOptions(Path.of(folder.getText().strip()), formats, shares, 42,
                    complete.isSelected(), style.getValue(), readings.getValue()));
        } catch (IllegalArgumentException e) {
            message(owner, Alert.AlertType.ERROR, "The export cannot start", e.getMessage());
            return Optional.empty();
        }
    }

    /** Runs the export in the background, tracked by the status bar; reports the outcome. */
    static Task<ExportReport> run(Stage owner, ProjectRepository store, ExportOptions options, StatusBar statusBar) {
        Task<ExportReport> task = new MonitoredTask<>() {
            @Override
            protected ExportReport call() throws Exception {
                updateMessage("Exporting…");
                updateProgress(-1, 1);
                return DatasetExporter.export(store, options, monitor());
            }
        };
        statusBar.track(task, true);
        task.setOnSucceeded(e -> {
            ExportReport r = task.getValue();
            statusBar.showMessage("Exported " + r.cases() + " case(s) to " + r.target());
            Alert done = message(owner, Alert.AlertType.INFORMATION, "Dataset written",
                    r.cases() + " case(s) of " + r.patients() + " patient(s), " + r.records() + " record(s), "
                            + r.files() + " file(s) in\n" + r.target()
                            + (r.problems().isEmpty() ? "" : "\n\n" + r.problems().size() + " note(s) below."));
            if (!r.problems().isEmpty()) {
                TextArea notes = new TextArea(r.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
                notes.setEditable(false);
                done.getDialogPane().setExpandableContent(notes);
                done.getDialogPane().setExpanded(true);
            }
            done.getDialogPane().setId("exportDoneDialog");
        });
        task.setOnCancelled(e -> statusBar.showMessage("Export cancelled; nothing was written."));
        task.setOnFailed(e -> message(owner, Alert.AlertType.ERROR, "The export failed",
                String.valueOf(task.getException().getMessage())).getDialogPane().setId("errorDialog"));
        return org.groundwork.app.concurrent.Background.start(task, "groundwork-export");
    }

    private static Alert message(Stage owner, Alert.AlertType type, String header, String text) {
        Alert alert = new Alert(type, text);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        alert.setTitle("Groundwork");
        alert.show();
        return alert;
    }
}
