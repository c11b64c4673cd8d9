package org.groundwork.app.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A pane with nothing in it yet, saying what the user can do next. */
final class EmptyState {
    private EmptyState() {
    }

    static Node create(String id, String title, String message, String hint) {
        VBox box = new VBox(8);
        box.setId(id);
        box.getStyleClass().add("empty-state");
        box.setAlignment(Pos.CENTER);
        if (title != null) {
            Label heading = new Label(title);
            heading.getStyleClass().add("pane-title");
            box.getChildren().add(heading);
        }
        Label what = new Label(message);
        what.getStyleClass().add("empty-message");
        what.setWrapText(true);
        Label why = new Label(hint);
        why.getStyleClass().add("empty-hint");
        why.setWrapText(true);
        box.getChildren().addAll(what, why);
        box.setMinWidth(0);
        return box;
    }
}
