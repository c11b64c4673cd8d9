package org.groundwork.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.groundwork.viewer.core.Orientation;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.SliceGeometry;
import org.groundwork.viewer.core.render.SliceRenderer;
import org.groundwork.viewer.core.render.WindowLevel;

/** Chooses one of several series: a thumbnail of each middle slice, its description, size and warnings. */
final class SeriesPicker {
    private static final int THUMBNAIL = 96;
    private static final ButtonType OPEN = new ButtonType("Open", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);

    /** A series and its middle slice, rendered off the FX thread. */
    record Choice(Volume volume, int[] argb, int width, int height) {
        static Choice of(Volume v) {
            Plane plane = Plane.acquiredIn(v.voxelToLps());
            SliceGeometry g = SliceGeometry.of(v, plane, false);
            int[] argb = new int[g.width() * g.height()];
            new SliceRenderer(v).render(g, g.slices() / 2, WindowLevel.initial(v), SliceRenderer.Interpolation.NEAREST,
                    v.info().invertedGrey(), argb);
            return new Choice(v, argb, g.width(), g.height());
        }
    }

    private SeriesPicker() {
    }

    static Optional<Volume> pick(Window owner, List<Choice> choices) {
        ListView<Choice> list = new ListView<>();
        list.setId("seriesList");
        list.getItems().setAll(choices);
        list.getSelectionModel().selectFirst();
        list.setPrefSize(560, Math.min(520, 112 * choices.size() + 8));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Choice c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setGraphic(null);
                    return;
                }
                WritableImage img = new WritableImage(c.width(), c.height());
                img.getPixelWriter().setPixels(0, 0, c.width(), c.height(), PixelFormat.getIntArgbInstance(),
                        c.argb(), 0, c.width());
                ImageView thumb = new ImageView(img);
                thumb.setFitWidth(THUMBNAIL);
                thumb.setFitHeight(THUMBNAIL);
                thumb.setPreserveRatio(true);
                Volume vol = c.volume();
                Label title = new Label(describe(vol));
                title.setStyle("-fx-font-weight: bold;");
                Label size = new Label(String.format(Locale.ROOT, "%d x %d x %d  %s  %s", vol.nx(), vol.ny(), vol.nz(),
                        vol.info().modality(), Orientation.slicePlane(vol.voxelToLps())));
                VBox text = new VBox(4, title, size);
                for (String w : vol.warnings()) {
                    Label warning = new Label("⚠ " + w);
                    warning.setWrapText(true);
                    warning.setMaxWidth(420);
                    warning.setStyle("-fx-text-fill: #e0b040;");
                    text.getChildren().add(warning);
                }
                HBox row = new HBox(12, thumb, text);
                row.setPadding(new Insets(4));
                setGraphic(row);
            }
        });
        Dialog<Volume> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Groundwork");
        dialog.setHeaderText(choices.size() + " series found. Which one?");
        dialog.getDialogPane().setId("seriesPicker");
        dialog.getDialogPane().setContent(list);
        dialog.getDialogPane().getButtonTypes().setAll(OPEN, ButtonType.CANCEL);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                dialog.setResult(list.getSelectionModel().getSelectedItem().volume());
                dialog.close();
            }
        });
        dialog.setResultConverter(b -> b == OPEN ? list.getSelectionModel().getSelectedItem().volume() : null);
        return dialog.showAndWait();
    }

    static String describe(Volume v) {
        String d = v.info().seriesDescription();
        return d.isBlank() ? Path.of(v.info().source()).getFileName().toString() : d;
    }
}
