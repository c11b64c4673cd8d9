package org.groundwork.annotate.fx.reasoning;

import org.groundwork.annotate.fx.Editing;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.protocol.GradeOption;
import org.groundwork.annotate.core.protocol.SeverityField;

/**
 * The grading form of a question, generated from its severity fields: a row of buttons for short
 * scales, a drop-down for long ones, each value's meaning as its tooltip. Fields not yet graded are
 * marked; choosing a value saves it at once.
 */
final class SeverityForm extends VBox {
    private static final int BUTTONS_UP_TO = 5;

    SeverityForm() {
        super(6);
        setId("severityForm");
        setPadding(new Insets(2, 0, 2, 0));
    }

    private Question shownQuestion;
    private List<SeverityField> shownFields = List.of();
    private final java.util.Map<String, Label> names = new java.util.HashMap<>();
    private final java.util.Map<String, ToggleGroup> groups = new java.util.HashMap<>();
    private final java.util.Map<String, ComboBox<GradeOption>> boxes = new java.util.HashMap<>();

    void show(Editing editing, Question question, List<SeverityField> fields) {
        if (question != null && shownQuestion != null && question.id().equals(shownQuestion.id())
                && fields.equals(shownFields)) {
            update(editing.editor().current().grades(question.id()), fields); // keeps focus and scroll
            return;
        }
        shownQuestion = question;
        shownFields = fields;
        names.clear();
        groups.clear();
        boxes.clear();
        getChildren().clear();
        if (question == null) {
            return;
        }
        if (fields.isEmpty()) {
            Label none = new Label("This question has no severity grade.");
            none.getStyleClass().add("empty-hint");
            getChildren().add(none);
            return;
        }
        Map<String, Grade> grades = editing.editor().current().grades(question.id());
        for (SeverityField field : fields) {
            Grade grade = grades.get(field.name());
            Label name = new Label();
            names.put(field.name(), name);
            if (!field.help().isBlank()) {
                name.setTooltip(new Tooltip(field.help()));
            }
            getChildren().addAll(name, field.options().size() <= BUTTONS_UP_TO
                    ? buttons(editing, question, field, grade) : dropDown(editing, question, field, grade));
        }
        update(grades, fields);
    }

    /** Shows the given grades in the existing controls; ungraded fields are marked. */
    private void update(Map<String, Grade> grades, List<SeverityField> fields) {
        for (SeverityField field : fields) {
            Grade grade = grades.get(field.name());
            Label name = names.get(field.name());
            name.setText(field.name() + (grade == null ? "  (not graded)" : ""));
            name.getStyleClass().setAll("label", grade == null ? "field-missing" : "field-done");
            ToggleGroup group = groups.get(field.name());
            if (group != null) {
                group.getToggles().forEach(t -> t.setSelected(grade != null
                        && ((ToggleButton) t).getText().equals(String.valueOf(grade.value()))));
            }
            ComboBox<GradeOption> box = boxes.get(field.name());
            if (box != null) {
                box.setValue(grade == null ? null : field.options().stream()
                        .filter(o -> o.value() == grade.value()).findFirst().orElse(null));
            }
        }
    }

    private FlowPane buttons(Editing editing, Question question, SeverityField field, Grade grade) {
        FlowPane row = new FlowPane(4, 4);
        ToggleGroup group = new ToggleGroup();
        groups.put(field.name(), group);
        for (GradeOption option : field.options()) {
            ToggleButton button = new ToggleButton(String.valueOf(option.value()));
            button.setId(fieldId(field) + "-" + option.value());
            button.setToggleGroup(group);
            button.setSelected(grade != null && grade.value() == option.value());
            button.setTooltip(new Tooltip(option.value() + ": " + option.meaning()));
            button.setMinWidth(34);
            button.setOnAction(e -> choose(editing, question, field, button.isSelected() ? option.value() : null));
            row.getChildren().add(button);
        }
        return row;
    }

    private ComboBox<GradeOption> dropDown(Editing editing, Question question, SeverityField field, Grade grade) {
        ComboBox<GradeOption> box = new ComboBox<>();
        boxes.put(field.name(), box);
        box.setId(fieldId(field));
        box.getItems().setAll(field.options());
        box.setCellFactory(v -> new OptionCell());
        box.setButtonCell(new OptionCell());
        box.setPromptText("not graded");
        box.setMaxWidth(Double.MAX_VALUE);
        field.options().stream().filter(o -> grade != null && o.value() == grade.value()).findFirst()
                .ifPresent(box::setValue);
        box.setOnAction(e -> {
            Grade now = editing.editor().current().grades(question.id()).get(field.name());
            if (box.getValue() != null && (now == null || now.value() != box.getValue().value())) {
                choose(editing, question, field, box.getValue().value());
            }
        });
        return box;
    }

    /** A value, or null to clear the grade (pressing the selected button again). */
    private static void choose(Editing editing, Question question, SeverityField field, Integer value) {
        editing.apply(value == null ? new Edit.ClearGrade(editing.caseId(), question.id(), field.name())
                : new Edit.SetGrade(editing.caseId(), new Grade(question.id(), field.name(), value, editing.byUser())));
    }

    /** A node id for a field: its name in lower case with dashes, e.g. "grade-size-of-lesion". */
    static String fieldId(SeverityField field) {
        return "grade-" + field.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    private static final class OptionCell extends ListCell<GradeOption> {
        @Override
        protected void updateItem(GradeOption option, boolean empty) {
            super.updateItem(option, empty);
            setText(empty || option == null ? null : option.value() + ": " + option.meaning());
        }
    }
}
