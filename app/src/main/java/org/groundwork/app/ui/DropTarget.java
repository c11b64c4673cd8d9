package org.groundwork.app.ui;

import java.io.File;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

/** Files and folders dropped on the image area are opened. */
final class DropTarget {
    private DropTarget() {
    }

    static void install(Node target, ImageActions actions) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!files.isEmpty()) {
                actions.open(files.stream().map(File::toPath).toList());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
    }
}
