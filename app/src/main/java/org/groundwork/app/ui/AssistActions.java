package org.groundwork.app.ui;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javafx.concurrent.Task;
import org.groundwork.annotate.core.project.AssistEffort;
import org.groundwork.annotate.core.project.AssistReport;
import org.groundwork.annotate.core.project.AssistTrial;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.annotate.fx.box.ProposalTools;
import org.groundwork.app.CurrentUser;
import org.groundwork.app.assist.ProjectAssist;
import org.groundwork.app.assist.ProjectModels;
import org.groundwork.assist.learn.BoxLearner;
import org.groundwork.app.concurrent.Background;
import org.groundwork.app.concurrent.MonitoredTask;
import org.groundwork.app.project.ProjectController;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.assist.atlas.AtlasPrior;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.fx.MprViewer;

/**
 * The Assist menu: a model learns from the project's other cases and proposes boxes for the open
 * one, shown dashed until the reader accepts, edits or rejects each.
 */
public final class AssistActions {
    /** "Accept Suggestions at 50% or More". */
    static final double CONFIDENT = 0.5;
    /** Passes over the training cases for Assist → Train Model. */
    static final int TRAINING_EPOCHS = 40;

    private final ProjectController projects;
    private final CaseWorkspace workspace;
    private final StatusBar statusBar;
    private final MprViewer viewer;
    private final ProposalTools proposals;

    AssistActions(ProjectController projects, CaseWorkspace workspace, StatusBar statusBar, MprViewer viewer) {
        this.projects = projects;
        this.workspace = workspace;
        this.statusBar = statusBar;
        this.viewer = viewer;
        this.proposals = new ProposalTools(workspace.boxes());
        javafx.scene.control.Button suggestButton = new javafx.scene.control.Button("Suggest Boxes");
        suggestButton.setId("suggestButton");
        suggestButton.setTooltip(new javafx.scene.control.Tooltip(
                "Model proposals for the selected question's region (Ctrl+Shift+G); Enter accepts one, Delete rejects it"));
        suggestButton.setOnAction(e -> suggest());
        workspace.pane().addQuestionAction(suggestButton);
        new ProjectToggle(projects, blindFirst(), ProjectRepository.BLIND_FIRST, "true"::equals,
                on -> Boolean.toString(on), statusBar,
                on -> on ? "Blind-first: a region's proposals show once you have drawn your own box of it."
                        : "Proposals show as soon as they are made.");
        new ProjectToggle(projects, assistTrial, AssistTrial.SETTING, "on"::equals, on -> on ? "on" : "off", statusBar,
                on -> on ? "Assist trial: about half the cases, drawn at random, are read without proposals, "
                        + "marked in the worklist." : "Every case may have proposals again.");
        new ProjectToggle(projects, retrainAsCasesFinish, ProjectModels.RETRAIN_EVERY, AssistActions::retrainEvery,
                on -> on ? Integer.toString(RETRAIN_EVERY) : "0", statusBar,
                on -> on ? "The model is trained again in the background after every " + RETRAIN_EVERY
                        + " more cases with boxes, and used only if it does better on held-out cases."
                        : "The model is trained only when you ask (Assist → Train Model).");
        workspace.setOnCaseFinished(this::retrainIfDue);
    }

    /** Cases with boxes between automatic trainings, when Assist → Retrain as Cases Are Finished is on. */
    static final int RETRAIN_EVERY = 5;
    private final javafx.beans.property.BooleanProperty retrainAsCasesFinish =
            new javafx.beans.property.SimpleBooleanProperty(this, "retrainAsCasesFinish");
    private Task<ProjectModels.Training> training;

    private final javafx.beans.property.BooleanProperty assistTrial =
            new javafx.beans.property.SimpleBooleanProperty(this, "assistTrial");

    /** Assist → Assist Trial (Proposals for Half the Cases), the open project's setting. */
    public javafx.beans.property.BooleanProperty assistTrial() {
        return assistTrial;
    }

    /** Assist → Retrain as Cases Are Finished, the open project's setting. */
    public javafx.beans.property.BooleanProperty retrainAsCasesFinish() {
        return retrainAsCasesFinish;
    }

    /** Whether this session may train the open project's model (not a reader of a shared project, not read-only). */
    javafx.beans.binding.BooleanBinding canTrainProperty() {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> projects.storeProperty().get() != null
                && projects.storeProperty().get().modelShelf().whyNotTrain().isEmpty(), projects.storeProperty());
    }

    private static boolean retrainEvery(String value) {
        return value.matches("[0-9]{1,6}") && Integer.parseInt(value) > 0;
    }

    /**
     * After a case is finished: trains the learner in the background when the project asks for it and
     * enough cases with boxes came since the last model. Nothing is said when none is due.
     */
    private void retrainIfDue() {
        ProjectRepository store = projects.storeProperty().get();
        if (!retrainAsCasesFinish.get() || store == null || (training != null && training.isRunning())) {
            return;
        }
        Task<java.util.Optional<String>> due = projects.submit(() -> {
            String every = store.setting(ProjectModels.RETRAIN_EVERY).orElse("0");
            if (!retrainEvery(every) || store.modelShelf().whyNotTrain().isPresent()) {
                return java.util.Optional.empty();
            }
            return new ProjectAssist(store, Clock.systemUTC()).models().retrainDue(Integer.parseInt(every));
        });
        due.setOnSucceeded(e -> due.getValue().ifPresent(reason -> train(null, "Retraining the model: " + reason + "…")));
        due.setOnFailed(e -> statusBar.showMessage("The model was not retrained: " + due.getException().getMessage()));
    }

    /** Assist → Blind-First Mode, the open project's setting. */
    public javafx.beans.property.BooleanProperty blindFirst() {
        return workspace.boxes().blindFirstProperty();
    }

    /**
     * Assist → Assist Report…: how the proposals of the whole project fared, and the reading time of
     * finished cases with and without them, in a dialog.
     */
    Task<String> report(javafx.stage.Window owner) {
        ProjectRepository store = projects.storeProperty().get();
        if (store == null) {
            statusBar.showMessage("Open a project first.");
            return null;
        }
        Task<String> task = projects.submit(() -> {
            java.util.Map<Long, CaseAnnotations> all = store.annotations();
            return AssistReport.of(all.values()).text() + "\n\n"
                    + AssistEffort.of(store.cases(), all, AssistTrial.of(store)).text();
        });
        task.setOnSucceeded(e -> {
            javafx.scene.control.Alert dialog = new javafx.scene.control.Alert(
                    javafx.scene.control.Alert.AlertType.INFORMATION, task.getValue());
            dialog.initOwner(owner);
            dialog.setTitle("Groundwork");
            dialog.setHeaderText("Assist report: " + store.title());
            dialog.getDialogPane().setId("assistReportDialog");
            dialog.getDialogPane().setMinWidth(640);
            dialog.show();
        });
        task.setOnFailed(e -> statusBar.showMessage("The report could not be made: " + task.getException().getMessage()));
        return task;
    }

    public ProposalTools proposals() {
        return proposals;
    }

    /** Which regions a suggestion is for. */
    public enum Scope {
        /** The selected question's region; without one, as {@link #CASE_QUESTIONS}. */
        SELECTED_QUESTION,
        /** The regions of the case's questions; without any, as {@link #PROTOCOL}. */
        CASE_QUESTIONS,
        /** Every region the model knows. */
        PROTOCOL
    }

    /** Assist → Suggest Boxes (Ctrl+Shift+G and the Suggest button): for the selected question. */
    public Task<List<Suggestion>> suggest() {
        return suggest(Scope.SELECTED_QUESTION);
    }

    /**
     * Proposals for the open case from the promoted learner, or from the atlas prior learnt from the
     * project's other cases, made in the background for the regions {@code scope} names. Null when no
     * case is open.
     */
    public Task<List<Suggestion>> suggest(Scope scope) {
        CaseRecord open = workspace.openCaseProperty().get();
        ProjectRepository store = projects.storeProperty().get();
        CaseEditor editor = workspace.editor();
        Volume volume = viewer.volumeProperty().get();
        if (open == null || store == null || editor == null || volume == null) {
            statusBar.showMessage("Open a case first: suggestions are made for the open case.");
            return null;
        }
        Set<String> regions = new LinkedHashSet<>();
        if (scope == Scope.SELECTED_QUESTION) {
            workspace.pane().selectedQuestion().map(Question::regionId).filter(Objects::nonNull).ifPresent(regions::add);
        }
        if (regions.isEmpty() && scope != Scope.PROTOCOL) {
            editor.current().questions().stream().map(Question::regionId).filter(Objects::nonNull).forEach(regions::add);
        }
        Task<List<Suggestion>> task = new MonitoredTask<>() {
            @Override
            protected List<Suggestion> call() throws Exception {
                ProjectAssist assist = new ProjectAssist(store, Clock.systemUTC());
                assist.checkTrialAllowsProposals(open.id());
                // The promoted learner when the project has one (it beat the atlas on held-out cases), else the atlas.
                java.util.Optional<BoxLearner> learnt = assist.models().promoted();
                updateMessage(learnt.isPresent() ? "Suggesting with the promoted model…" : "Learning from the project's boxes…");
                SuggestionModel model = learnt.isPresent() ? learnt.get()
                        : assist.model(AtlasPrior.ID, Set.of(open.id()), monitor());
                updateMessage("Suggesting boxes for case " + open.id() + "…");
                try {
                    return assist.propose(model, open.id(), volume, regions, CurrentUser.name(), monitor());
                } finally {
                    if (model instanceof AutoCloseable closeable) {
                        closeable.close();
                    }
                }
            }
        };
        statusBar.track(task, true);
        task.setOnSucceeded(e -> show(editor, task.getValue()));
        task.setOnFailed(e -> statusBar.showMessage("No suggestion: " + task.getException().getMessage()));
        return Background.start(task, "groundwork-assist");
    }

    /** Assist → Diagnostics…: the model engine, its device and why, its native library (checked in the background). */
    public Task<org.groundwork.assist.EngineStatus> diagnostics(javafx.stage.Window owner) {
        Task<org.groundwork.assist.EngineStatus> task = new Task<>() {
            @Override
            protected org.groundwork.assist.EngineStatus call() {
                return org.groundwork.assist.EngineStatus.check();
            }
        };
        task.setOnSucceeded(e -> {
            javafx.scene.control.Alert dialog = new javafx.scene.control.Alert(
                    javafx.scene.control.Alert.AlertType.INFORMATION, task.getValue().describe());
            dialog.initOwner(owner);
            dialog.setTitle("Groundwork");
            dialog.setHeaderText("Model engine");
            dialog.getDialogPane().setId("assistDiagnosticsDialog");
            dialog.getDialogPane().setMinWidth(720);
            dialog.show();
        });
        return Background.start(task, "groundwork-engine-check");
    }

    /**
     * Assist → Train Model: trains the learner on the project's boxes in the background (progress per
     * epoch, Cancel), judges it on held-out patients and promotes it only if it is better; says which.
     */
    public Task<ProjectModels.Training> train(javafx.stage.Window owner) {
        if (training != null && training.isRunning()) {
            statusBar.showMessage("The model is being trained already.");
            return training;
        }
        return train(owner, "Training the learner on the project's boxes…");
    }

    /** Trains in the background; the verdict goes to the status bar, and to a notice when {@code owner} is given. */
    private Task<ProjectModels.Training> train(javafx.stage.Window owner, String message) {
        ProjectRepository store = projects.storeProperty().get();
        if (store == null) {
            statusBar.showMessage("Open a project first.");
            return null;
        }
        Task<ProjectModels.Training> task = new MonitoredTask<>() {
            @Override
            protected ProjectModels.Training call() throws Exception {
                updateMessage(message);
                return new ProjectAssist(store, Clock.systemUTC()).models().train(TRAINING_EPOCHS, monitor());
            }
        };
        statusBar.track(task, true);
        task.setOnSucceeded(e -> {
            ProjectModels.Training t = task.getValue();
            statusBar.showMessage("Model trained: " + t.verdict());
            if (owner != null) {
                Notify.info(owner, "Model trained", t.verdict());
            }
        });
        task.setOnFailed(e -> statusBar.showMessage("Training failed: " + task.getException().getMessage()));
        training = task;
        return Background.start(task, "groundwork-training");
    }

    /** Assist → Models…: the project's checkpoints with their held-out IoU, the one in use marked. */
    Task<ModelsDialog.Listing> models(javafx.stage.Window owner) {
        return new ModelsDialog(projects, statusBar).show(owner);
    }

    /** Assist → Accept Suggestions at 50% or More. */
    void acceptConfident() {
        int accepted = proposals.acceptAbove(CONFIDENT);
        statusBar.showMessage(accepted == 0 ? "No pending suggestion is that confident."
                : "Accepted " + accepted + " suggestion(s) as boxes (Ctrl+Z undoes).");
    }

    private void show(CaseEditor editor, List<Suggestion> suggestions) {
        if (workspace.editor() != editor) {
            return; // another case was opened meanwhile
        }
        try {
            editor.apply(new Edit.AddSuggestions(editor.caseId(), suggestions));
            int hidden = suggestions.size() - (int) proposals.pending().stream()
                    .filter(p -> suggestions.stream().anyMatch(s -> s.id().equals(p.id()))).count();
            statusBar.showMessage(suggestions.isEmpty() ? "The model has nothing to suggest for these regions."
                    : String.format(Locale.ROOT, "%d suggestion(s) from %s: click one, Enter accepts, Delete rejects.%s",
                            suggestions.size(), suggestions.get(0).modelId(), hidden == 0 ? ""
                                    : " " + hidden + " stay hidden until you have drawn your own box of their region."));
        } catch (ProjectException ex) {
            statusBar.showMessage(ex.getMessage());
        }
    }
}
