package org.groundwork.annotate.fx.reasoning;

import org.groundwork.annotate.fx.Editing;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.protocol.Protocol;

/**
 * A question's reasoning chain: ordered steps that can be added (Enter in the text field), edited
 * (double-click or Enter on a step), reordered (drag, or Alt+Up/Down), deleted (Delete), and linked
 * to evidence (the selected box, or a bookmark of the current view). Clicking a step's evidence
 * brings it on screen.
 */
final class ReasoningChainView extends VBox {
    private final ListView<ReasoningStep> steps = new ListView<>();
    private final TextField stepField = new TextField();
    private final ViewerLink link;
    private Editing editing;
    private Question question;

    ReasoningChainView(ViewerLink link) {
        super(4);
        this.link = link;
        steps.setId("stepList");
        steps.setEditable(true);
        steps.setPrefHeight(150);
        steps.setMinHeight(90);
        VBox.setVgrow(steps, Priority.ALWAYS);
        steps.setCellFactory(v -> {
            StepCell cell = new StepCell();
            cell.setPrefWidth(0); // never wider than the list
            return cell;
        });
        steps.setPlaceholder(new Label("No reasoning yet: write the first step below."));
        steps.setOnEditCommit(e -> {
            if (!e.getNewValue().text().isBlank()) {
                editing.apply(new Edit.PutStep(editing.caseId(), e.getNewValue(), e.getIndex()));
            }
        });
        // A filter: the list's own key handling would take Up, Down and Enter first.
        steps.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (steps.getEditingIndex() >= 0) {
                return;
            }
            if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                moveSelected(e.getCode() == KeyCode.UP ? -1 : 1);
            } else if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                deleteSelected();
            } else if (e.getCode() == KeyCode.ENTER && selected() != null) {
                steps.edit(steps.getSelectionModel().getSelectedIndex());
            } else {
                return;
            }
            e.consume();
        });
        stepField.setId("stepField");
        stepField.setOnAction(e -> addStep(stepField.getText()));
        HBox.setHgrow(stepField, Priority.ALWAYS);
        Button add = button("Add", "addStepButton", "Add the step (Enter)", () -> addStep(stepField.getText()));
        Button linkBox = button("Link box", "linkBoxButton", "Point the selected step at the selected box (Ctrl+Shift+K)",
                this::linkSelectedBox);
        Button bookmark = button("Bookmark", "bookmarkButton",
                "Point the selected step at the current view: plane, slice, window, cursor (Ctrl+K)", this::bookmarkView);
        Button up = button("↑", "stepUpButton", "Move the step up (Alt+Up)", () -> moveSelected(-1));
        Button down = button("↓", "stepDownButton", "Move the step down (Alt+Down)", () -> moveSelected(1));
        Button delete = button("✕", "deleteStepButton", "Delete the step (Delete)", this::deleteSelected);
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox entry = new HBox(4, stepField, add);
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(4, 4, linkBox, bookmark, up, down, delete);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(steps, entry, actions);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    void show(Editing newEditing, Question newQuestion) {
        String keep = selected() == null ? null : selected().id();
        editing = newEditing;
        question = newQuestion;
        setDisable(question == null);
        List<ReasoningStep> chain = question == null ? List.of() : editing.editor().current().steps(question.id());
        steps.getItems().setAll(chain);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).id().equals(keep)) {
                steps.getSelectionModel().select(i);
            }
        }
        stepField.setPromptText(prompt(chain.size()));
    }

    /** The protocol's suggestion for the next step, if it has one. */
    private String prompt(int done) {
        Protocol protocol = editing == null ? null : editing.protocol();
        List<String> prompts = question == null || question.templateId() == null || protocol == null ? List.of()
                : protocol.question(question.templateId()).map(t -> t.stepPrompts()).orElse(List.of());
        String next = done < prompts.size() ? " — " + prompts.get(done) : "";
        return "Step " + (done + 1) + next;
    }

    void addStep(String text) {
        if (question == null || text == null || text.isBlank()) {
            return;
        }
        ReasoningStep step = new ReasoningStep(UUID.randomUUID().toString(), question.id(), text.strip(), null,
                editing.byUser());
        if (editing.apply(new Edit.PutStep(editing.caseId(), step, steps.getItems().size()))) {
            stepField.clear();
            steps.getSelectionModel().select(steps.getItems().size() - 1);
        }
    }

    /** The step evidence is attached to: the selected one, else the last. */
    private int target() {
        int index = steps.getSelectionModel().getSelectedIndex();
        return index >= 0 ? index : steps.getItems().size() - 1;
    }

    void linkSelectedBox() {
        int index = target();
        Box box = link.selectedBox().orElse(null);
        if (index < 0 || box == null) {
            editing.errors().accept(index < 0 ? "Write a step first, then link a box to it."
                    : "Select a box in the images first (click it), then link it.");
            return;
        }
        setEvidence(index, new Evidence.BoxRef(box.id()));
    }

    void bookmarkView() {
        int index = target();
        if (index < 0) {
            editing.errors().accept("Write a step first, then bookmark the view for it.");
            return;
        }
        link.bookmark().ifPresent(b -> setEvidence(index, b));
    }

    private void setEvidence(int index, Evidence evidence) {
        ReasoningStep step = steps.getItems().get(index);
        editing.apply(new Edit.PutStep(editing.caseId(), step.withEvidence(evidence), index));
        steps.getSelectionModel().select(index);
    }

    void moveSelected(int delta) {
        int index = steps.getSelectionModel().getSelectedIndex();
        int to = index + delta;
        if (index >= 0 && to >= 0 && to < steps.getItems().size()) {
            editing.apply(new Edit.PutStep(editing.caseId(), steps.getItems().get(index), to));
            steps.getSelectionModel().select(to);
        }
    }

    void deleteSelected() {
        ReasoningStep step = selected();
        if (step != null) {
            editing.apply(new Edit.DeleteStep(editing.caseId(), step.questionId(), step.id()));
        }
    }

    private ReasoningStep selected() {
        return steps.getSelectionModel().getSelectedItem();
    }

    /** How evidence reads in the chain: "▣ Femur, medial central" or "◎ Sagittal 42  W 800 L 300". */
    private String describe(Evidence evidence) {
        if (evidence instanceof Evidence.BoxRef ref) {
            return editing.editor().current().box(ref.boxId())
                    .map(b -> "▣ " + (b.label() != null ? b.label() : editing.protocol().regionName(b.regionId())))
                    .orElse("▣ deleted box");
        }
        Evidence.ViewBookmark view = (Evidence.ViewBookmark) evidence;
        return String.format(Locale.ROOT, "◎ %s%s %d  W %.0f L %.0f", view.plane().charAt(0),
                view.plane().substring(1).toLowerCase(Locale.ROOT), view.slice() + 1, view.windowWidth(),
                view.windowCenter());
    }

    private final class StepCell extends ListCell<ReasoningStep> {
        private TextField editor;

        StepCell() {
            setOnDragDetected(e -> {
                if (getItem() != null) {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(String.valueOf(getIndex()));
                    startDragAndDrop(TransferMode.MOVE).setContent(content);
                    e.consume();
                }
            });
            setOnDragOver(e -> {
                if (e.getGestureSource() instanceof StepCell) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragDropped(e -> {
                int from = Integer.parseInt(e.getDragboard().getString());
                int to = getItem() == null ? steps.getItems().size() - 1 : getIndex();
                if (from != to && from < steps.getItems().size()) {
                    editing.apply(new Edit.PutStep(editing.caseId(), steps.getItems().get(from), to));
                    steps.getSelectionModel().select(to);
                }
                e.setDropCompleted(true);
                e.consume();
            });
        }

        @Override
        public void startEdit() {
            super.startEdit();
            if (!isEditing()) {
                return;
            }
            editor = new TextField(getItem().text());
            editor.setOnAction(e -> commitEdit(getItem().withText(editor.getText().strip())));
            editor.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    cancelEdit();
                }
            });
            setText(null);
            setGraphic(editor);
            editor.requestFocus();
        }

        @Override
        public void cancelEdit() {
            super.cancelEdit();
            render(getItem());
        }

        @Override
        protected void updateItem(ReasoningStep step, boolean empty) {
            super.updateItem(step, empty);
            render(empty ? null : step);
        }

        private void render(ReasoningStep step) {
            setText(null);
            if (step == null) {
                setGraphic(null);
                return;
            }
            Label text = new Label((getIndex() + 1) + ". " + step.text());
            text.setWrapText(true);
            text.setMinWidth(0);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            VBox row = new VBox(1, text);
            // The row is as wide as the list, so long steps wrap instead of scrolling sideways.
            row.prefWidthProperty().bind(steps.widthProperty().subtract(30));
            row.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (step.evidence() != null) {
                Hyperlink evidence = new Hyperlink(describe(step.evidence()));
                evidence.getStyleClass().add("evidence-link");
                evidence.setTooltip(new Tooltip("Show this evidence in the images"));
                Box box = step.evidence() instanceof Evidence.BoxRef ref
                        ? editing.editor().current().box(ref.boxId()).orElse(null) : null;
                evidence.setDisable(step.evidence() instanceof Evidence.BoxRef && box == null);
                evidence.setOnAction(e -> link.show(step.evidence(), box));
                row.getChildren().add(evidence);
            }
            setGraphic(row);
        }
    }
}
