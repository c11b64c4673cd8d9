package org.groundwork.app.ui;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.groundwork.viewer.core.FileOutcome;

/**
 * File → Load Report: every file of the last load, once, with what became of it (read into which
 * volume, refused or skipped, and why). Opens by itself when a file was refused; never modal, so the
 * viewer stays usable beside it.
 */
final class LoadReport {
    private final Stage owner;
    private final TableView<FileOutcome> table = new TableView<>();
    private final Label summary = new Label("Nothing has been loaded yet.");
    private final Label selected = new Label();
    private Path folder = Path.of("");
    private Stage window;

    LoadReport(Stage owner) {
        this.owner = owner;
        table.setId("loadReportTable");
        table.setPlaceholder(new Label("No file was loaded."));
        table.getColumns().add(column("Outcome", 100, o -> o.kind().name().toLowerCase(Locale.ROOT)));
        table.getColumns().add(column("File", 300, o -> folder.relativize(o.file().toAbsolutePath()).toString()));
        table.getColumns().add(column("Detail", 500, FileOutcome::detail));
        summary.setId("loadReportSummary");
        // The whole reason of the chosen file, wrapped: the column shows only its start.
        selected.setId("loadReportSelected");
        selected.setWrapText(true);
        selected.setMinHeight(Region.USE_PREF_SIZE);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> selected.setText(
                now == null ? "" : now.file() + "\n" + now.kind().name().toLowerCase(Locale.ROOT) + ": " + now.detail()));
    }

    private static TableColumn<FileOutcome, String> column(String title, double width, Function<FileOutcome, String> text) {
        TableColumn<FileOutcome, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    /** Keeps the outcomes of a load, refused files first; shows them at once when a file was refused. */
    void update(List<FileOutcome> outcomes) {
        folder = commonFolder(outcomes);
        List<FileOutcome> refusedFirst = outcomes.stream()
                .sorted(Comparator.comparing(FileOutcome::kind).reversed()).toList();
        table.setItems(FXCollections.observableArrayList(refusedFirst));
        table.getSelectionModel().selectFirst();
        summary.setText(summarize(outcomes) + (outcomes.isEmpty() ? "" : ", in " + folder));
        if (outcomes.stream().anyMatch(o -> o.kind() == FileOutcome.Kind.UNREADABLE)) {
            show();
        }
    }

    /** The deepest folder holding every file, so that the table shows short names. */
    private static Path commonFolder(List<FileOutcome> outcomes) {
        Path common = null;
        for (FileOutcome o : outcomes) {
            Path parent = o.file().toAbsolutePath().getParent();
            while (common != null && !parent.startsWith(common)) {
                common = common.getParent();
            }
            common = common == null ? parent : common;
        }
        return common == null ? Path.of("") : common;
    }

    static String summarize(List<FileOutcome> outcomes) {
        Map<FileOutcome.Kind, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(FileOutcome::kind, Collectors.counting()));
        return outcomes.size() + " file(s): " + counts.getOrDefault(FileOutcome.Kind.READ, 0L) + " read, "
                + counts.getOrDefault(FileOutcome.Kind.UNREADABLE, 0L) + " unreadable, "
                + counts.getOrDefault(FileOutcome.Kind.SKIPPED, 0L) + " skipped";
    }

    void show() {
        if (window == null) {
            Button close = new Button("Close");
            close.setId("loadReportClose");
            close.setCancelButton(true);
            close.setOnAction(e -> window.hide());
            HBox buttons = new HBox(close);
            VBox top = new VBox(summary);
            top.setPadding(new Insets(0, 0, 8, 0));
            VBox bottom = new VBox(8, selected, buttons);
            bottom.setPadding(new Insets(8, 0, 0, 0));
            BorderPane root = new BorderPane(table, top, null, bottom, null);
            root.setPadding(new Insets(10));
            root.setId("loadReport");
            window = new Stage();
            window.initOwner(owner);
            window.setTitle("Load Report");
            window.setScene(new Scene(root, 940, 460));
        }
        window.show();
        window.toFront();
    }
}
