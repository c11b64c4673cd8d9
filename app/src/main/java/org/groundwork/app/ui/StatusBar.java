package org.groundwork.app.ui;

import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Message line and progress indicator at the bottom of the main window. */
public final class StatusBar {
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final javafx.scene.control.Button cancel = new javafx.scene.control.Button("Cancel");
    private final Label saving = new Label();
    private final Label sync = new Label();
    private final HBox box = new HBox(12, message, sync, saving, progress, cancel);

    StatusBar() {
        box.setId("statusBar");
        box.getStyleClass().add("status-bar");
        message.setId("statusMessage");
        progress.setId("statusProgress");
        progress.setPrefWidth(180);
        progress.setVisible(false);
        cancel.setId("statusCancel");
        cancel.setVisible(false);
        cancel.managedProperty().bind(cancel.visibleProperty());
        saving.setId("savingMark");
        saving.setVisible(false);
        saving.managedProperty().bind(saving.visibleProperty());
        sync.setId("syncMark");
        sync.setVisible(false);
        sync.managedProperty().bind(sync.visibleProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
    }

    Node node() {
        return box;
    }

    public void showMessage(String text) {
        message.textProperty().unbind();
        message.setText(text);
    }

    /** Shows how many edits are on screen but not yet on disk ("Saving 2 edit(s)…"), hidden at none. */
    public void showPending(int edits) {
        saving.setText(edits == 1 ? "Saving 1 edit…" : "Saving " + edits + " edits…");
        saving.setVisible(edits > 0);
    }

    /**
     * Says when a shared project's edits do not reach its server ("Offline: 3 edits kept on this
     * workstation") or could not be written ("1 edit not written: …"); hidden while all is in step.
     */
    public void showSync(org.groundwork.annotate.core.project.SyncState state) {
        String text;
        if (!state.conflicts().isEmpty()) {
            text = state.conflicts().size() + (state.conflicts().size() == 1 ? " edit" : " edits")
                    + " not written, the case changed meanwhile: " + state.conflicts().get(0);
        } else if (!state.online() || state.waiting() > 0) {
            text = "Offline: " + state.waiting() + (state.waiting() == 1 ? " edit" : " edits")
                    + " kept on this workstation, written when the server answers";
        } else {
            text = "";
        }
        sync.setText(text);
        sync.setVisible(!text.isEmpty());
        sync.getStyleClass().setAll("label", state.conflicts().isEmpty() ? "sync-offline" : "sync-conflict");
    }

    /** Follows a background task's message and progress until it ends. */
    public void track(Worker<?> worker) {
        track(worker, false);
    }

    /** As {@link #track(Worker)}, with a Cancel button while it runs when {@code cancellable}. */
    public void track(Worker<?> worker, boolean cancellable) {
        message.textProperty().bind(worker.messageProperty());
        progress.progressProperty().bind(worker.progressProperty());
        progress.visibleProperty().bind(worker.runningProperty());
        cancel.visibleProperty().unbind();
        if (cancellable) {
            cancel.visibleProperty().bind(worker.runningProperty());
            cancel.setOnAction(e -> {
                worker.cancel();
                showMessage("Cancelled.");
            });
        } else {
            cancel.setVisible(false);
        }
    }
}
