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
    private final HBox box = new HBox(12, message, progress);

    StatusBar() {
        box.setId("statusBar");
        box.getStyleClass().add("status-bar");
        message.setId("statusMessage");
        progress.setId("statusProgress");
        progress.setPrefWidth(180);
        progress.setVisible(false);
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

    /** Follows a background task's message and progress until it ends. */
    public void track(Worker<?> worker) {
        message.textProperty().bind(worker.messageProperty());
        progress.progressProperty().bind(worker.progressProperty());
        progress.visibleProperty().bind(worker.runningProperty());
    }
}
