package org.groundwork.app.ui;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.groundwork.annotate.core.project.ModelShelf;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.app.assist.ProjectAssist;
import org.groundwork.app.assist.ProjectModels;
import org.groundwork.app.project.ProjectController;
import org.groundwork.assist.AssistException;

/**
 * Assist → Models…: the project's checkpoints with their held-out IoU, the one in use marked, and
 * Use This Model to put another in use, such as going back to an earlier model.
 */
final class ModelsDialog {
    private final ProjectController projects;
    private final StatusBar statusBar;

    ModelsDialog(ProjectController projects, StatusBar statusBar) {
        this.projects = projects;
        this.statusBar = statusBar;
    }

    /** The models, and how each one's proposals fared, by weights hash. */
    record Listing(List<ProjectModels.Saved> models, Map<String, ModelShelf.Use> uses,
                   Optional<ModelShelf.Promotion> promotion) {
        static Listing of(ProjectModels models) throws AssistException {
            return new Listing(models.list(), models.uses(), models.promotion());
        }
    }

    /** Reads the models on the store thread, then shows them; returns that read. */
    Task<Listing> show(Window owner) {
        ProjectRepository store = projects.storeProperty().get();
        if (store == null) {
            statusBar.showMessage("Open a project first.");
            return null;
        }
        Task<Listing> task = projects.submit(() -> Listing.of(models(store)));
        task.setOnSucceeded(e -> dialog(owner, store, task.getValue()).show());
        task.setOnFailed(e -> statusBar.showMessage(task.getException().getMessage()));
        return task;
    }

    private static ProjectModels models(ProjectRepository store) {
        return new ProjectAssist(store, Clock.systemUTC()).models();
    }

    private Dialog<Void> dialog(Window owner, ProjectRepository store, Listing listing) {
        ObjectProperty<Listing> shown = new SimpleObjectProperty<>(listing);
        ListView<ProjectModels.Saved> list = new ListView<>();
        list.setId("modelList");
        list.setPrefSize(620, 300);
        list.setPlaceholder(new Label("No model trained yet: Assist → Train Model trains one; until then suggestions "
                + "come from the atlas prior."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ProjectModels.Saved m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : describe(m, shown.get()));
            }
        });
        shown.addListener((obs, was, now) -> list.getItems().setAll(now.models()));
        list.getItems().setAll(listing.models());
        Optional<String> refused = store.modelShelf().whyNotTrain(); // from fields: no database read
        Button use = new Button("Use This Model");
        use.setId("useModel");
        use.disableProperty().bind(Bindings.createBooleanBinding(() -> refused.isPresent()
                || list.getSelectionModel().getSelectedItem() == null
                || list.getSelectionModel().getSelectedItem().promoted(), list.getSelectionModel().selectedItemProperty(),
                list.getItems()));
        use.setOnAction(e -> use(store, list, shown, list.getSelectionModel().getSelectedItem().name()));
        Label note = new Label(refused.map(why -> "The model in use cannot be changed here: " + why + ".")
                .orElse("★ marks the model that makes the suggestions. A newly trained model is put in use only if it "
                        + "does better on held-out cases; Use This Model goes back to an earlier one."));
        note.setId("modelsNote");
        note.setWrapText(true);
        note.setMaxWidth(620);
        VBox content = new VBox(8, list, new HBox(8, use), note);
        content.setPadding(new Insets(4, 0, 0, 0));
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Groundwork");
        dialog.setHeaderText("Models of " + store.title());
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.getDialogPane().setId("assistModelsDialog");
        // The list is the open project's: another project opened closes it.
        ChangeListener<ProjectRepository> closeOnChange = (obs, was, now) -> dialog.close();
        projects.storeProperty().addListener(closeOnChange);
        dialog.setOnHidden(e -> projects.storeProperty().removeListener(closeOnChange));
        return dialog;
    }

    /**
     * Name, when and by whom it was trained (and put in use, for the model in use), its held-out IoU
     * next to the atlas prior's, and how its proposals fared with the readers.
     */
    static String describe(ProjectModels.Saved m, Listing listing) {
        StringBuilder text = new StringBuilder(m.promoted() ? "★ " : "   ").append(m.name())
                .append(m.promoted() ? " (in use)" : "").append('\n')
                .append("      trained ").append(m.trainedAt(), 0, Math.min(10, m.trainedAt().length()))
                .append(' ').append(m.trainer());
        ProjectModels.inUseSince(m, listing.promotion()).ifPresent(since -> text.append("\n      ").append(since));
        m.heldOutIou().forEach((model, iou) -> text.append(String.format(Locale.ROOT,
                "%n      held-out IoU, %s: %.3f", model, iou)));
        return text.append("\n      ").append(ProjectModels.useOf(m, listing.uses())).toString();
    }

    private void use(ProjectRepository store, ListView<ProjectModels.Saved> list,
                     ObjectProperty<Listing> shown, String name) {
        Task<Listing> task = projects.submit(() -> {
            ProjectModels models = models(store);
            models.use(name);
            return Listing.of(models);
        });
        task.setOnSucceeded(e -> {
            shown.set(task.getValue());
            list.getItems().stream().filter(ProjectModels.Saved::promoted).findFirst()
                    .ifPresent(list.getSelectionModel()::select);
            statusBar.showMessage(name + " makes the suggestions from now on; the next training is compared with it.");
        });
        task.setOnFailed(e -> statusBar.showMessage(task.getException().getMessage()));
    }
}
