package org.groundwork.annotate.fx.reasoning;

import org.groundwork.annotate.fx.Editing;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Progress;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.protocol.QuestionTemplate;
import org.groundwork.annotate.core.protocol.Region;

/**
 * The annotation pane of the open case: ask a question from the protocol (region, then question) or
 * type a free one; answer the selected question with a reasoning chain and its severity grades.
 * What is still missing for the question is listed under it.
 */
public final class AnnotationPane extends VBox {
    private final Label caseTitle = new Label();
    private final Label caseProgress = new Label();
    // 53 regions and 69 questions in the knee protocol: both pickers filter as the user types.
    private final ComboBox<Region> regionChoice = new org.controlsfx.control.SearchableComboBox<>();
    private final ComboBox<QuestionTemplate> templateChoice = new org.controlsfx.control.SearchableComboBox<>();
    private final TextField freeQuestion = new TextField();
    private final ListView<Question> questions = new ListView<>();
    /** Buttons other parts of the workstation add under the question list (Assist's Suggest). */
    private final HBox questionActions = new HBox(4);
    private final Label missing = new Label();
    private final ReasoningChainView chain;
    private final SeverityForm severity = new SeverityForm();
    private final ViewerLink link;
    private Editing editing;
    /** True while the lists are refilled, so that their passing selection changes are not shown. */
    private boolean refreshing;

    public AnnotationPane(ViewerLink link) {
        super(6);
        this.link = link;
        this.chain = new ReasoningChainView(link);
        setId("annotationContent");
        setPadding(new Insets(8));
        caseTitle.getStyleClass().add("pane-title");
        caseTitle.setId("caseTitle");
        caseTitle.setWrapText(true);
        caseProgress.setId("caseProgress");

        regionChoice.setId("regionChoice");
        regionChoice.setPromptText("Region");
        regionChoice.setMaxWidth(Double.MAX_VALUE);
        regionChoice.setConverter(converter(Region::name));
        regionChoice.setCellFactory(v -> new RegionCell());
        regionChoice.setButtonCell(new RegionCell());
        regionChoice.valueProperty().addListener((obs, old, region) -> regionChosen(region));
        templateChoice.setId("templateChoice");
        templateChoice.setPromptText("Question");
        templateChoice.setMaxWidth(Double.MAX_VALUE);
        templateChoice.setConverter(converter(QuestionTemplate::text));
        templateChoice.setCellFactory(v -> new TemplateCell());
        templateChoice.setButtonCell(new TemplateCell());
        Button ask = new Button("Ask");
        ask.setId("askButton");
        ask.setTooltip(new Tooltip("Add the chosen question to this case"));
        ask.setOnAction(e -> askTemplate());
        ask.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(templateChoice, Priority.ALWAYS);
        freeQuestion.setId("freeQuestionField");
        freeQuestion.setPromptText("…or type a free question and press Enter");
        freeQuestion.setOnAction(e -> askFree());

        questions.setId("questionList");
        questions.setPrefHeight(84);
        questions.setMinHeight(60);
        questions.setCellFactory(v -> {
            QuestionCell cell = new QuestionCell();
            cell.setPrefWidth(0); // never wider than the list
            return cell;
        });
        questions.setPlaceholder(new Label("No question yet: pick a region and a question above."));
        questions.getSelectionModel().selectedItemProperty().addListener((obs, old, q) -> {
            if (!refreshing) {
                showQuestion(q);
            }
        });
        questions.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                deleteQuestion();
                e.consume();
            }
        });
        Button delete = new Button("✕");
        delete.setId("deleteQuestionButton");
        delete.setTooltip(new Tooltip("Delete the selected question with its reasoning and grades (Delete)"));
        delete.setOnAction(e -> deleteQuestion());
        delete.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        missing.setId("missingLabel");
        missing.setWrapText(true);
        missing.getStyleClass().add("field-missing");

        VBox content = new VBox(5, caseTitle, caseProgress, section("Question"), regionChoice,
                new HBox(4, templateChoice, ask, delete), freeQuestion, questions, missing, questionActions, new Separator(),
                section("Reasoning"), chain, new Separator(), section("Severity"), severity);
        content.setFillWidth(true);
        content.setPadding(new Insets(0, 4, 0, 0));
        // The reasoning chain takes the height left; below its minimum the whole pane scrolls.
        VBox.setVgrow(chain, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().add(scroll);
        setMinWidth(0);
        show(null);
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    /** Shows a case for editing (null: nothing open); {@code title} names it. */
    public void show(Editing newEditing, String title) {
        editing = newEditing;
        caseTitle.setText(title);
        if (editing != null) {
            // A new list rather than setAll: the searchable picker keeps a filtered view of the old one.
            regionChoice.setItems(FXCollections.observableArrayList(editing.protocol().regions().stream()
                    .filter(r -> !editing.protocol().questionsFor(r.id()).isEmpty()).toList()));
            editing.editor().addListener(() -> {
                if (editing == newEditing) {
                    refresh();
                }
            });
        }
        refresh();
    }

    private void show(Editing none) {
        show(none, "No case open");
    }

    /** Shows the editor's current state, keeping the selected question. */
    public void refresh() {
        setDisable(editing == null);
        if (editing == null) {
            questions.getItems().clear();
            chain.show(null, null);
            severity.show(null, null, List.of());
            caseProgress.setText("Open a case from the worklist to annotate it.");
            missing.setText("");
            return;
        }
        CaseAnnotations current = editing.editor().current();
        Question keep = questions.getSelectionModel().getSelectedItem();
        refreshing = true;
        try {
            questions.getItems().setAll(current.questions());
            Question again = keep == null ? null : current.question(keep.id()).orElse(null);
            if (again != null) {
                questions.getSelectionModel().select(again);
            } else if (!questions.getItems().isEmpty()) {
                questions.getSelectionModel().select(questions.getItems().size() - 1);
            }
            questions.scrollTo(questions.getSelectionModel().getSelectedIndex());
        } finally {
            refreshing = false;
        }
        showQuestion(questions.getSelectionModel().getSelectedItem());
        caseProgress.setText(String.format(Locale.ROOT, "%d question(s), %d box(es), %.0f%% complete",
                current.questions().size(), current.boxes().size(),
                100 * Progress.completeness(current, editing.protocol())));
    }

    private void showQuestion(Question question) {
        if (editing == null) {
            return;
        }
        chain.show(editing, question);
        severity.show(editing, question, question == null ? List.of() : Progress.severity(question, editing.protocol()));
        List<String> lacking = question == null ? List.of()
                : Progress.missing(editing.editor().current(), question, editing.protocol());
        missing.setText(question == null ? "" : lacking.isEmpty() ? "✓ Complete"
                : "Still missing: " + String.join(", ", lacking) + ".");
        missing.getStyleClass().setAll("label", lacking.isEmpty() ? "field-done" : "field-missing");
        if (question != null && question.regionId() != null) {
            link.useRegion(question.regionId());
        }
    }

    private void regionChosen(Region region) {
        templateChoice.setItems(FXCollections.observableArrayList(region == null || editing == null ? List.of()
                : editing.protocol().questionsFor(region.id())));
        if (!templateChoice.getItems().isEmpty()) {
            templateChoice.getSelectionModel().select(0);
        }
        if (region != null) {
            link.useRegion(region.id());
        }
    }

    private void askTemplate() {
        QuestionTemplate template = templateChoice.getValue();
        if (editing == null || template == null) {
            return;
        }
        ask(new Question(UUID.randomUUID().toString(), editing.caseId(), template.region(), template.id(),
                template.text(), editing.byUser()));
    }

    private void askFree() {
        String text = freeQuestion.getText();
        if (editing == null || text.isBlank()) {
            return;
        }
        Region region = regionChoice.getValue();
        if (ask(new Question(UUID.randomUUID().toString(), editing.caseId(), region == null ? null : region.id(),
                null, text.strip(), editing.byUser()))) {
            freeQuestion.clear();
        }
    }

    private boolean ask(Question question) {
        if (!editing.apply(new Edit.PutQuestion(question))) {
            return false;
        }
        questions.getSelectionModel().select(questions.getItems().size() - 1);
        return true;
    }

    private void deleteQuestion() {
        Question q = questions.getSelectionModel().getSelectedItem();
        if (editing != null && q != null) {
            editing.apply(new Edit.DeleteQuestion(editing.caseId(), q.id()));
        }
    }

    /** For the Annotate menu: write a step, link the selected box, bookmark the view. */
    /** The question selected in the list, if any. */
    public java.util.Optional<Question> selectedQuestion() {
        return java.util.Optional.ofNullable(questions.getSelectionModel().getSelectedItem());
    }

    /** Puts a control under the question list, e.g. a button that acts on the selected question. */
    public void addQuestionAction(javafx.scene.Node action) {
        questionActions.getChildren().add(action);
    }

    public void focusStepField() {
        lookup("#stepField").requestFocus();
    }

    public void linkSelectedBox() {
        chain.linkSelectedBox();
    }

    public void bookmarkView() {
        chain.bookmarkView();
    }

    private final class RegionCell extends ListCell<Region> {
        @Override
        protected void updateItem(Region region, boolean empty) {
            super.updateItem(region, empty);
            setText(empty || region == null ? null : region.name());
            if (!empty && region != null) {
                javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(10, 10,
                        javafx.scene.paint.Color.web(region.colour()));
                setGraphic(swatch);
            } else {
                setGraphic(null);
            }
        }
    }

    private static final class TemplateCell extends ListCell<QuestionTemplate> {
        @Override
        protected void updateItem(QuestionTemplate template, boolean empty) {
            super.updateItem(template, empty);
            setText(empty || template == null ? null : template.text());
        }
    }

    private final class QuestionCell extends ListCell<Question> {
        @Override
        protected void updateItem(Question q, boolean empty) {
            super.updateItem(q, empty);
            if (empty || q == null || editing == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            boolean done = Progress.missing(editing.editor().current(), q, editing.protocol()).isEmpty();
            Label text = new Label((done ? "✓ " : "○ ") + (q.regionId() == null ? "" : editing.protocol()
                    .regionName(q.regionId()) + ": ") + q.text());
            text.setWrapText(true);
            text.setMinWidth(0);
            text.getStyleClass().add(done ? "field-done" : "question-open");
            HBox row = new HBox(text);
            row.prefWidthProperty().bind(questions.widthProperty().subtract(30));
            row.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }

    /** What the search field of a picker matches: the text the user reads. */
    private static <T> javafx.util.StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : text.apply(item);
            }

            @Override
            public T fromString(String string) {
                return null; // the pickers are not editable
            }
        };
    }

}
