package org.groundwork.annotate.fx.worklist;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groundwork.annotate.core.project.CaseRecord;

/** The cases of the open project with their status; says what to do when there are none. */
public final class WorklistView extends VBox {
    private final Label title = new Label("Worklist");
    private final Label counts = new Label();
    private final ListView<CaseRecord> list = new ListView<>();
    private final Label placeholder = new Label();

    public WorklistView() {
        super(6);
        setId("worklistPane");
        getStyleClass().add("worklist");
        setPadding(new Insets(8));
        title.getStyleClass().add("pane-title");
        counts.setId("worklistCounts");
        list.setId("worklistList");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("empty-message");
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new CaseCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        setMinWidth(0);
        getChildren().addAll(title, counts, list);
        showNoProject();
    }

    public void showNoProject() {
        title.setText("Worklist");
        counts.setText("");
        list.getItems().clear();
        placeholder.setText("No project open.\nFile → Open Project… to start.");
    }

    /** Shows a project's cases; {@code projectName} heads the list. */
    public void showCases(String projectName, List<CaseRecord> cases, boolean readOnly) {
        title.setText(projectName + (readOnly ? " (read-only)" : ""));
        long done = cases.stream().filter(c -> c.status() == org.groundwork.annotate.core.project.CaseStatus.DONE).count();
        counts.setText(cases.size() + " case(s), " + done + " done");
        list.getItems().setAll(cases);
        placeholder.setText("No cases yet.\nFile → Import Folder… adds DICOM and NIfTI images.");
    }

    public ListView<CaseRecord> list() {
        return list;
    }

    private static final class CaseCell extends ListCell<CaseRecord> {
        @Override
        protected void updateItem(CaseRecord c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setText(null);
                return;
            }
            String status = c.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            setText(c.id() + "  " + c.label() + "  ·  " + status + (c.assignee() == null ? "" : "  ·  " + c.assignee()));
        }
    }
}
