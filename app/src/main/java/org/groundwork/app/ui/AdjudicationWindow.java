package org.groundwork.app.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.groundwork.annotate.core.project.Adjudication;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Readings;
import org.groundwork.annotate.core.protocol.GradeOption;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.SeverityField;
import org.groundwork.app.CurrentUser;
import org.groundwork.app.project.ProjectController;

/**
 * The adjudicator's view of the open case: per protocol question, each reader's box (the lowest IoU
 * between them, marked when under {@link Adjudication#IOU_AGREEMENT}) and grades side by side, the
 * fields in dispute marked; choices for the consensus box (a reader's, union, intersection, mean),
 * each grade and whose reasoning; Save writes the consensus in one edit, which Undo takes back whole.
 */
final class AdjudicationWindow {
    private static final String DISPUTE = "-fx-text-fill: #d04020; -fx-font-weight: bold;";
    private final Stage stage = new Stage();
    private final VBox items = new VBox(12);
    private final Label summary = new Label();
    private final CaseWorkspace workspace;
    private final ProjectController projects;
    private final StatusBar statusBar;

    AdjudicationWindow(Window owner, CaseWorkspace workspace, ProjectController projects, StatusBar statusBar,
                       Runnable onFinish) {
        this.workspace = workspace;
        this.projects = projects;
        this.statusBar = statusBar;
        Button finish = new Button("Finish Adjudication");
        finish.setId("finishAdjudication");
        finish.setOnAction(e -> stage.hide());
        stage.setOnHidden(e -> onFinish.run());
        summary.setId("adjudicationSummary");
        summary.setWrapText(true);
        items.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(items);
        scroll.setFitToWidth(true);
        BorderPane root = new BorderPane(scroll, summary, null, new HBox(finish), null);
        BorderPane.setMargin(summary, new Insets(0, 0, 8, 0));
        BorderPane.setMargin(root.getBottom(), new Insets(8, 0, 0, 0));
        root.setPadding(new Insets(10));
        root.setId("adjudicationView");
        stage.initOwner(owner);
        stage.setTitle("Adjudication");
        stage.setScene(new Scene(root, 760, 620));
    }

    void show() {
        rebuild();
        stage.show();
        stage.toFront();
    }

    boolean isShowing() {
        return stage.isShowing();
    }

    private void rebuild() {
        CaseEditor editor = workspace.editor();
        items.getChildren().clear();
        if (editor == null || projects.storeProperty().get() == null) {
            summary.setText("Open a case first.");
            return;
        }
        Protocol protocol = projects.storeProperty().get().protocol();
        CaseAnnotations all = editor.current();
        List<Adjudication.Item> found = Adjudication.items(all, protocol);
        long disputed = found.stream().filter(i -> i.boxesDisagree() || !i.fieldsInDispute().isEmpty()).count();
        summary.setText("Case " + editor.caseId() + ": " + found.size() + " question(s) answered by "
                + String.join(", ", all.readers().stream().filter(r -> !Readings.CONSENSUS.equals(r)).toList()) + "; "
                + disputed + " with disagreements (marked in red). Boxes show in their reader's colour, the consensus "
                + "in white. Choose, then Save Consensus.");
        for (Adjudication.Item item : found) {
            items.getChildren().add(card(item, all, protocol));
        }
    }

    private VBox card(Adjudication.Item item, CaseAnnotations all, Protocol protocol) {
        Label title = new Label(item.text());
        title.setStyle("-fx-font-weight: bold;");
        title.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        List<String> readers = List.copyOf(item.answers().keySet());
        grid.add(new Label(""), 0, 0);
        for (int r = 0; r < readers.size(); r++) {
            Label name = new Label(readers.get(r));
            name.setStyle("-fx-font-weight: bold;");
            grid.add(name, r + 1, 0);
        }
        grid.add(new Label("consensus"), readers.size() + 1, 0);

        Label boxLabel = new Label(String.format(Locale.ROOT, "Box (lowest IoU %.2f)", item.lowestIou()));
        if (item.boxesDisagree()) {
            boxLabel.setStyle(DISPUTE);
        }
        grid.add(boxLabel, 0, 1);
        for (int r = 0; r < readers.size(); r++) {
            Box b = item.boxes().get(readers.get(r));
            grid.add(new Label(b == null ? "none" : extent(b)), r + 1, 1);
        }
        ComboBox<String> boxChoice = new ComboBox<>();
        item.boxes().keySet().forEach(boxChoice.getItems()::add);
        if (item.boxes().size() > 1) {
            boxChoice.getItems().addAll("union", "intersection", "mean");
        }
        boxChoice.getSelectionModel().selectFirst();
        boxChoice.setId("boxChoice-" + item.templateId());
        grid.add(boxChoice, readers.size() + 1, 1);

        Map<String, ComboBox<Integer>> gradeChoices = new LinkedHashMap<>();
        int row = 2;
        for (SeverityField field : org.groundwork.annotate.core.project.Progress.severity(item.answers().values().iterator().next(),
                protocol)) {
            Label name = new Label(field.name());
            if (item.fieldsInDispute().contains(field.name())) {
                name.setStyle(DISPUTE);
            }
            grid.add(name, 0, row);
            Map<String, Integer> given = item.grades().getOrDefault(field.name(), Map.of());
            for (int r = 0; r < readers.size(); r++) {
                Integer v = given.get(readers.get(r));
                grid.add(new Label(v == null ? "–" : String.valueOf(v)), r + 1, row);
            }
            ComboBox<Integer> choice = new ComboBox<>();
            field.options().stream().map(GradeOption::value).forEach(choice.getItems()::add);
            given.values().stream().findFirst().ifPresent(choice::setValue);
            choice.setId("gradeChoice-" + item.templateId() + "-" + field.name());
            grid.add(choice, readers.size() + 1, row);
            gradeChoices.put(field.name(), choice);
            row++;
        }
        grid.add(new Label("Reasoning of"), 0, row);
        ComboBox<String> stepsChoice = new ComboBox<>();
        stepsChoice.getItems().setAll(readers);
        stepsChoice.getSelectionModel().selectFirst();
        grid.add(stepsChoice, readers.size() + 1, row);

        boolean done = all.readBy(Readings.CONSENSUS).questions().stream()
                .anyMatch(q -> item.templateId().equals(q.templateId()));
        Label state = new Label(done ? "consensus saved" : "");
        state.setId("consensusState-" + item.templateId());
        Button save = new Button("Save Consensus");
        save.setId("saveConsensus-" + item.templateId());
        save.setOnAction(e -> {
            Map<String, Integer> grades = new LinkedHashMap<>();
            gradeChoices.forEach((field, choice) -> {
                if (choice.getValue() != null) {
                    grades.put(field, choice.getValue());
                }
            });
            String box = boxChoice.getValue();
            Adjudication.BoxChoice how = box == null || item.boxes().containsKey(box) ? Adjudication.BoxChoice.READER
                    : Adjudication.BoxChoice.valueOf(box.toUpperCase(Locale.ROOT));
            save(all, item, new Adjudication.Decision(how, box, grades, stepsChoice.getValue()));
        });
        HBox actions = new HBox(10, save, state);
        VBox card = new VBox(6, title, grid, actions);
        card.setPadding(new Insets(8));
        card.setStyle("-fx-border-color: #8884; -fx-border-radius: 4;");
        card.setId("adjudicationItem-" + item.templateId());
        return card;
    }

    private static String extent(Box b) {
        return java.util.Arrays.toString(b.min()) + "–" + java.util.Arrays.toString(b.max());
    }

    /** Writes the consensus through the case's editor, so that the screen shows it and Undo takes it back. */
    private void save(CaseAnnotations all, Adjudication.Item item, Adjudication.Decision decision) {
        CaseEditor editor = workspace.editor();
        List<Edit> edits = new ArrayList<>(Adjudication.consensus(all, item, decision, CurrentUser.name(), Instant.now()));
        try {
            editor.apply(new Edit.Batch(all.caseId(), edits)); // one step for Undo
            statusBar.showMessage("Consensus saved for " + item.templateId() + ".");
        } catch (ProjectException e) {
            statusBar.showMessage("The consensus could not be saved: " + e.getMessage());
        }
        rebuild();
    }
}
