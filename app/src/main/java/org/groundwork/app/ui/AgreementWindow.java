package org.groundwork.app.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.groundwork.dataset.agreement.Bootstrap;
import org.groundwork.dataset.agreement.Estimate;
import org.groundwork.dataset.agreement.ReaderAgreement;
import org.groundwork.dataset.agreement.ReaderAgreement.FieldAgreement;
import org.groundwork.dataset.agreement.ReaderAgreement.RegionAgreement;
import org.groundwork.dataset.agreement.ReaderAgreement.VersusConsensus;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.app.project.ProjectController;
import org.groundwork.annotate.core.project.ProjectRepository;

/**
 * Project → Agreement: how readers agree, per region (3D IoU and Dice of their boxes) and per
 * severity field (kappa), with 95% intervals. Tables sort by any column; choosing a row lists the
 * cases behind it (and, for a region, plots its IoU distribution); a double click opens a case.
 */
final class AgreementWindow {
    private final ProjectController projects;
    private final Consumer<CaseRecord> openCase;
    private final StatusBar statusBar;

    AgreementWindow(ProjectController projects, Consumer<CaseRecord> openCase, StatusBar statusBar) {
        this.projects = projects;
        this.openCase = openCase;
        this.statusBar = statusBar;
    }

    /** Computes the agreement off the FX thread, then shows it. */
    Task<ReaderAgreement> show(Window owner) {
        ProjectRepository store = projects.storeProperty().get();
        if (store == null) {
            statusBar.showMessage("Open a project first.");
            return null;
        }
        Task<ReaderAgreement> task = projects.submit(() -> ReaderAgreement.of(store.protocol(), store.annotations().values()));
        task.setOnSucceeded(e -> open(owner, task.getValue(), store.title()));
        task.setOnFailed(e -> statusBar.showMessage("The agreement could not be computed: " + task.getException().getMessage()));
        return task;
    }

    private void open(Window owner, ReaderAgreement agreement, String project) {
        Map<Long, CaseRecord> casesById = projects.casesProperty().get().stream()
                .collect(Collectors.toMap(CaseRecord::id, c -> c));
        ListView<CaseRecord> cases = new ListView<>();
        cases.setId("agreementCases");
        cases.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(CaseRecord c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : "Case " + c.id() + " · " + c.label());
            }
        });
        cases.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && cases.getSelectionModel().getSelectedItem() != null) {
                openCase.accept(cases.getSelectionModel().getSelectedItem());
            }
        });
        cases.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && cases.getSelectionModel().getSelectedItem() != null) {
                openCase.accept(cases.getSelectionModel().getSelectedItem());
            }
        });
        BarChart<String, Number> histogram = histogram();
        Label casesTitle = new Label("Choose a row to see its cases; double-click a case to open it.");
        casesTitle.setWrapText(true);

        TableView<RegionAgreement> regions = new TableView<>(FXCollections.observableArrayList(agreement.regions()));
        regions.setId("agreementRegions");
        regions.setPlaceholder(new Label("No region was boxed by two readers on the same case."));
        regions.getColumns().add(text("Region", 300, RegionAgreement::regionName));
        regions.getColumns().add(number("Pairs", RegionAgreement::pairs));
        regions.getColumns().add(number("Cases", r -> r.cases().size()));
        regions.getColumns().add(estimate("Mean 3D IoU (95% CI)", RegionAgreement::meanIou));
        regions.getColumns().add(decimal("Median IoU", "%.2f", RegionAgreement::medianIou));
        regions.getColumns().add(decimal("Mean Dice", "%.2f", RegionAgreement::meanDice));
        regions.getSelectionModel().selectedItemProperty().addListener((o, was, r) -> {
            if (r != null) {
                show(cases, casesTitle, r.cases(), casesById, r.regionName());
                plot(histogram, r);
            }
        });

        TableView<FieldAgreement> fields = new TableView<>(FXCollections.observableArrayList(agreement.fields()));
        fields.setId("agreementFields");
        fields.setPlaceholder(new Label("No protocol question was graded by two readers on the same case."));
        fields.getColumns().add(text("Severity field", 210, f -> f.field() + (f.nominal() ? " (nominal)" : "")));
        fields.getColumns().add(number("Pairs", FieldAgreement::pairs));
        fields.getColumns().add(number("Cases", f -> f.cases().size()));
        fields.getColumns().add(decimal("Agreement", "%.1f%%", f -> f.percentAgreement().value()));
        fields.getColumns().add(estimate("Kappa", FieldAgreement::kappa));
        fields.getColumns().add(estimate("Linear-weighted kappa", FieldAgreement::linearKappa));
        fields.getColumns().add(estimate("Quadratic-weighted kappa", FieldAgreement::quadraticKappa));
        fields.getSelectionModel().selectedItemProperty().addListener((o, was, f) -> {
            if (f != null) {
                show(cases, casesTitle, f.cases(), casesById, f.field());
            }
        });

        TableView<VersusConsensus> versus = new TableView<>(FXCollections.observableArrayList(agreement.versusConsensus()));
        versus.setId("agreementVersusConsensus");
        versus.setPlaceholder(new Label("No case has an adjudicated consensus yet (Project → Adjudicate Case…)."));
        versus.getColumns().add(text("Reader or model", 200, VersusConsensus::reader));
        versus.getColumns().add(number("Box pairs", VersusConsensus::boxPairs));
        versus.getColumns().add(estimate("Mean 3D IoU (95% CI)", VersusConsensus::meanIou));
        versus.getColumns().add(number("Grade pairs", VersusConsensus::gradePairs));
        versus.getColumns().add(decimal("Agreement", "%.1f%%", v -> v.percentAgreement().value()));
        versus.getColumns().add(estimate("Linear-weighted kappa", VersusConsensus::linearKappa));

        Tab boxes = new Tab("Boxes", regions);
        boxes.setId("agreementBoxesTab");
        Tab grades = new Tab("Grades", fields);
        grades.setId("agreementGradesTab");
        Tab consensus = new Tab("Against the Consensus", versus);
        TabPane tabs = new TabPane(boxes, grades, consensus);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // The side lists the cases of the chosen row of the tab on show.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != consensus) {
                reselect(now == grades ? fields : regions);
            }
        });
        histogram.visibleProperty().bind(boxes.selectedProperty()); // a region's IoU distribution, on its tab only
        histogram.managedProperty().bind(histogram.visibleProperty());
        VBox side = new VBox(8, casesTitle, cases, histogram);
        side.setPadding(new Insets(0, 0, 0, 8));
        SplitPane split = new SplitPane(tabs, side);
        split.setDividerPositions(0.72);
        Label summary = new Label(agreement.isEmpty()
                ? "No case was read by two readers yet: agreement needs at least two readers' answers on one case."
                : "Readers compared on the same cases; 95% intervals from " + Bootstrap.RESAMPLES
                + " bootstrap draws over cases. For scale: published MOAKS inter-reader weighted kappas are 0.56 "
                + "(cartilage), 0.61 (osteophytes), 0.79 (bone marrow lesion size).");
        summary.setId("agreementSummary");
        summary.setWrapText(true);
        BorderPane root = new BorderPane(split, summary, null, null, null);
        BorderPane.setMargin(summary, new Insets(0, 0, 8, 0));
        root.setPadding(new Insets(10));
        root.setId("agreementView");
        Stage window = new Stage();
        window.initOwner(owner);
        window.setTitle("Agreement between readers: " + project);
        window.setScene(new Scene(root, 1180, 560));
        window.show();
        regions.getSelectionModel().selectFirst();
        if (agreement.regions().isEmpty() && !agreement.fields().isEmpty()) {
            tabs.getSelectionModel().select(grades);
            fields.getSelectionModel().selectFirst();
        }
    }

    private static void reselect(TableView<?> table) {
        int chosen = Math.max(0, table.getSelectionModel().getSelectedIndex());
        table.getSelectionModel().clearSelection();
        table.getSelectionModel().select(chosen);
    }

    private static void show(ListView<CaseRecord> list, Label title, List<Long> ids, Map<Long, CaseRecord> byId, String what) {
        list.setItems(FXCollections.observableArrayList(ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList()));
        title.setText(ids.size() + " case(s) behind " + what + "; double-click one to open it.");
    }

    private static BarChart<String, Number> histogram() {
        CategoryAxis x = new CategoryAxis();
        x.setLabel("3D IoU");
        NumberAxis y = new NumberAxis();
        y.setLabel("pairs");
        y.setMinorTickVisible(false);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("agreementHistogram");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(260);
        return chart;
    }

    private static void plot(BarChart<String, Number> chart, RegionAgreement r) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        int[] bins = r.iouHistogram();
        for (int b = 0; b < bins.length; b++) {
            String bin = String.format(Locale.ROOT, "%.1f–%.1f", b / (double) bins.length, (b + 1) / (double) bins.length);
            series.getData().add(new XYChart.Data<>(bin, bins[b]));
        }
        chart.setTitle(r.regionName());
        chart.getData().setAll(List.of(series));
    }

    private static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private static <R> TableColumn<R, Integer> number(String title, Function<R, Integer> value) {
        TableColumn<R, Integer> c = new TableColumn<>(title);
        c.setPrefWidth(60);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** A number shown in {@code format}, sorted as a number. */
    private static <R> TableColumn<R, Double> decimal(String title, String format, Function<R, Double> value) {
        TableColumn<R, Double> c = new TableColumn<>(title);
        c.setPrefWidth(85);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v));
            }
        });
        return c;
    }

    /** An estimate shown with its interval, sorted by its value (undefined last). */
    private static <R> TableColumn<R, Estimate> estimate(String title, Function<R, Estimate> value) {
        TableColumn<R, Estimate> c = new TableColumn<>(title);
        c.setPrefWidth(150);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setComparator(java.util.Comparator.comparingDouble(e -> Double.isNaN(e.value()) ? Double.NEGATIVE_INFINITY : e.value()));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Estimate v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v.format());
            }
        });
        return c;
    }
}
