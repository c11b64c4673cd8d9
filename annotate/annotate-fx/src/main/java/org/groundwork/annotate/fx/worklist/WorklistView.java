package org.groundwork.annotate.fx.worklist;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import org.controlsfx.control.CheckComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;

/**
 * The cases of the open project: status, assignee, time spent and completeness, filtered by text
 * and status. Double-click or Enter opens a case. Says what to do when there are none.
 */
public final class WorklistView extends VBox {
    /**
     * A case as the worklist shows it; {@code readers} is each reader's completeness, in dealt order;
     * {@code withoutProposals}: the project's assist trial reads it without model proposals.
     */
    public record Row(CaseRecord record, double completeness, Map<String, Double> readers, boolean withoutProposals) {
    }

    /** What a case of an assist trial's arm without proposals says in the list. */
    public static final String WITHOUT_PROPOSALS = "no proposals (assist trial)";

    private final Label title = new Label("Worklist");
    private final Label counts = new Label();
    private final TextField search = new TextField();
    private final CheckComboBox<CaseStatus> filter = new CheckComboBox<>(FXCollections.observableArrayList(CaseStatus.values()));
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> shown = new FilteredList<>(rows);
    private final ListView<Row> list = new ListView<>(shown);
    private final Label placeholder = new Label();
    private Consumer<CaseRecord> onOpen = c -> { };
    private long openCase = -1;

    public WorklistView() {
        super(6);
        setId("worklistPane");
        getStyleClass().add("worklist");
        setPadding(new Insets(8));
        title.getStyleClass().add("pane-title");
        counts.setId("worklistCounts");
        search.setId("worklistSearch");
        search.setPromptText("Filter by name or assignee");
        filter.setId("worklistFilter");
        filter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(CaseStatus status) {
                return status == null ? "" : statusText(status);
            }

            @Override
            public CaseStatus fromString(String text) {
                return null;
            }
        });
        filter.setTitle("All statuses"); // none checked shows every case
        search.textProperty().addListener((obs, old, text) -> refilter());
        filter.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<CaseStatus>) c -> {
            List<CaseStatus> checked = filter.getCheckModel().getCheckedItems();
            filter.setTitle(checked.isEmpty() ? "All statuses"
                    : checked.stream().map(WorklistView::statusText).collect(java.util.stream.Collectors.joining(", ")));
            refilter();
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        list.setId("worklistList");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("empty-message");
        list.setPlaceholder(placeholder);
        list.setCellFactory(view -> {
            CaseCell cell = new CaseCell();
            cell.setPrefWidth(0); // wrap within the pane rather than scroll sideways
            cell.setWrapText(true);
            cell.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && cell.getItem() != null) {
                    onOpen.accept(cell.getItem().record());
                }
            });
            return cell;
        });
        list.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Row selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && selected != null) {
                onOpen.accept(selected.record());
                e.consume();
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        setMinWidth(0);
        getChildren().addAll(title, counts, new HBox(4, search, filter), list);
        showNoProject();
    }

    static String statusText(CaseStatus status) {
        return status.name().charAt(0) + status.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** What opening a case (double-click, Enter) does. */
    public void onOpen(Consumer<CaseRecord> handler) {
        onOpen = handler;
    }

    public void showNoProject() {
        title.setText("Worklist");
        counts.setText("");
        rows.clear();
        placeholder.setText("No project open.\n\nFile → Open Project… to start,\nor Help → Open Demo Project\nto try Groundwork on six\nsynthetic knee MRIs.");
    }

    /**
     * Shows a project's cases; {@code projectName} heads the list. {@code readers} gives, per case read
     * by several readers, each one's completeness; {@code withoutProposals}, the cases an assist trial
     * reads without model proposals.
     */
    public void showCases(String projectName, List<CaseRecord> cases, Map<Long, Double> completeness,
                          Map<Long, Map<String, Double>> readers, java.util.Set<Long> withoutProposals, boolean readOnly) {
        title.setText(projectName + (readOnly ? " (read-only)" : ""));
        long done = cases.stream().filter(c -> c.status() == CaseStatus.DONE).count();
        long seconds = cases.stream().mapToLong(CaseRecord::activeSeconds).sum();
        counts.setText(cases.size() + " case(s), " + done + " done, " + duration(seconds) + " spent");
        Row keep = list.getSelectionModel().getSelectedItem();
        rows.setAll(cases.stream().map(c -> new Row(c, completeness.getOrDefault(c.id(), 0.0),
                readers.getOrDefault(c.id(), Map.of()), withoutProposals.contains(c.id()))).toList());
        if (keep != null) {
            select(keep.record().id());
        }
        placeholder.setText(cases.isEmpty() ? "No cases yet.\nFile → Import Folder… adds DICOM and NIfTI images."
                : "No case matches the filter.");
    }

    /** Marks the case that is open in the viewer and selects it. */
    public void markOpen(long caseId) {
        openCase = caseId;
        select(caseId);
        list.refresh();
    }

    public void select(long caseId) {
        for (Row r : shown) {
            if (r.record().id() == caseId) {
                list.getSelectionModel().select(r);
                list.scrollTo(r);
            }
        }
    }

    private void refilter() {
        String text = search.getText().toLowerCase(Locale.ROOT).strip();
        List<CaseStatus> statuses = List.copyOf(filter.getCheckModel().getCheckedItems());
        shown.setPredicate(r -> (statuses.isEmpty() || statuses.contains(r.record().status())) && (text.isEmpty()
                || r.record().label().toLowerCase(Locale.ROOT).contains(text)
                || String.valueOf(r.record().assignee()).toLowerCase(Locale.ROOT).contains(text)
                || r.readers().keySet().stream().anyMatch(reader -> reader.toLowerCase(Locale.ROOT).contains(text))
                || String.valueOf(r.record().id()).equals(text)));
    }

    /** The cases shown, in order, after filtering. */
    public List<CaseRecord> shownCases() {
        return shown.stream().map(Row::record).toList();
    }

    public ListView<Row> list() {
        return list;
    }


    /** "readers: dr.a 100% · dr.b 40%", on a line of its own, when the case has readers to show. */
    static String readersLine(Map<String, Double> readers) {
        if (readers.isEmpty()) {
            return "";
        }
        java.util.StringJoiner line = new java.util.StringJoiner(" · ", "\n    readers: ", "");
        readers.forEach((reader, share) -> line.add(reader + String.format(Locale.ROOT, " %.0f%%", 100 * share)));
        return line.toString();
    }

    /** Two lines per case, readable in a narrow pane: what it is, then where it stands. */
    private final class CaseCell extends ListCell<Row> {
        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("open-case");
            if (empty || row == null) {
                setText(null);
                return;
            }
            CaseRecord c = row.record();
            if (c.id() == openCase) {
                getStyleClass().add("open-case");
            }
            setText(c.id() + "  " + c.label() + "\n    " + statusText(c.status())
                    + (c.assignee() == null ? "" : " · " + c.assignee()) + " · " + duration(c.activeSeconds())
                    + " · " + String.format(Locale.ROOT, "%.0f%% complete", 100 * row.completeness())
                    + (row.withoutProposals() ? " · " + WITHOUT_PROPOSALS : "") + readersLine(row.readers()));
        }
    }
}
