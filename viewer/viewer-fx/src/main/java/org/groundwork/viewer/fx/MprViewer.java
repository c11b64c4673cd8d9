package org.groundwork.viewer.fx;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.SliceRenderer;
import org.groundwork.viewer.core.render.WindowLevel;

/**
 * Axial, coronal and sagittal views of one volume, linked: one crosshair (clicking in a view moves
 * the others to that point), one window, one interpolation and inversion. Shown one at a time or
 * side by side.
 */
public final class MprViewer extends GridPane {
    /** How the views are arranged. */
    public enum Layout { SINGLE, ONE_BY_THREE, TWO_BY_TWO }

    private final SliceView axial = new SliceView(Plane.AXIAL);
    private final SliceView coronal = new SliceView(Plane.CORONAL);
    private final SliceView sagittal = new SliceView(Plane.SAGITTAL);
    private final List<SliceView> views = List.of(axial, coronal, sagittal);
    private final VolumeView volumeView = new VolumeView();

    private final ObjectProperty<Volume> volume = new SimpleObjectProperty<>(this, "volume");
    private final ObjectProperty<WindowLevel> window = new SimpleObjectProperty<>(this, "window", new WindowLevel(0, 1));
    private final ObjectProperty<double[]> crosshair = new SimpleObjectProperty<>(this, "crosshair");
    private final ObjectProperty<Layout> layout = new SimpleObjectProperty<>(this, "layout", Layout.ONE_BY_THREE);
    private final ObjectProperty<Plane> singlePlane = new SimpleObjectProperty<>(this, "singlePlane", Plane.AXIAL);
    private final BooleanProperty invert = new SimpleBooleanProperty(this, "invert");
    private final BooleanProperty neurological = new SimpleBooleanProperty(this, "neurological");
    private final BooleanProperty overlayTextVisible = new SimpleBooleanProperty(this, "overlayTextVisible", true);
    private final BooleanProperty identifyingTextVisible = new SimpleBooleanProperty(this, "identifyingTextVisible", true);
    private final ObjectProperty<SliceRenderer.Interpolation> interpolation =
            new SimpleObjectProperty<>(this, "interpolation", SliceRenderer.Interpolation.LINEAR);

    public MprViewer() {
        setId("mprViewer");
        setHgap(2);
        setVgap(2);
        setStyle("-fx-background-color: #101010;");
        for (SliceView v : views) {
            v.windowProperty().bindBidirectional(window);
            v.crosshairProperty().bindBidirectional(crosshair);
            v.invertProperty().bind(invert);
            v.neurologicalProperty().bind(neurological);
            v.overlayTextVisibleProperty().bind(overlayTextVisible);
            v.identifyingTextVisibleProperty().bind(identifyingTextVisible);
            v.interpolationProperty().bind(interpolation);
            GridPane.setHgrow(v, Priority.ALWAYS);
            GridPane.setVgrow(v, Priority.ALWAYS);
        }
        volumeView.windowProperty().bind(window);
        volumeView.crosshairProperty().bind(crosshair);
        GridPane.setHgrow(volumeView, Priority.ALWAYS);
        GridPane.setVgrow(volumeView, Priority.ALWAYS);
        layout.addListener((obs, old, value) -> arrange());
        singlePlane.addListener((obs, old, value) -> arrange());
        arrange();
    }

    /** Shows a volume: the file's window (or an automatic one), the crosshair in its centre. */
    public void show(Volume v) {
        SliceRenderer renderer = new SliceRenderer(v);
        volume.set(v);
        window.set(WindowLevel.initial(v));
        for (SliceView view : views) {
            view.sourceProperty().set(renderer);
            view.fit();
        }
        volumeView.sourceProperty().set(new org.groundwork.viewer.core.render.VolumeRenderer(v));
        volumeView.renderingProperty().set(v.info().modality().equals("CT") ? VolumeView.Rendering.CT_BONE
                : VolumeView.Rendering.MIP);
        crosshair.set(v.voxelToLps().apply((v.nx() - 1) / 2.0, (v.ny() - 1) / 2.0, (v.nz() - 1) / 2.0));
        singlePlane.set(Plane.acquiredIn(v.voxelToLps()));
    }

    /** Redraws every view from the current voxels, keeping position, window and zoom. */
    public void refresh() {
        views.forEach(SliceView::refresh);
        volumeView.refresh();
    }

    /** Back to the initial window and the whole image in every view. */
    public void reset() {
        if (volume.get() != null) {
            window.set(WindowLevel.initial(volume.get()));
        }
        views.forEach(SliceView::fit);
    }

    private void arrange() {
        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        if (layout.get() == Layout.SINGLE) {
            add(view(singlePlane.get()), 0, 0);
        } else if (layout.get() == Layout.TWO_BY_TWO) {
            add(axial, 0, 0);
            add(coronal, 1, 0);
            add(sagittal, 0, 1);
            add(volumeView, 1, 1);
            for (int i = 0; i < 2; i++) {
                javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
                half.setPercentWidth(50);
                getColumnConstraints().add(half);
                javafx.scene.layout.RowConstraints halfRow = new javafx.scene.layout.RowConstraints();
                halfRow.setPercentHeight(50);
                getRowConstraints().add(halfRow);
            }
        } else {
            for (int c = 0; c < views.size(); c++) {
                add(views.get(c), c, 0);
                javafx.scene.layout.ColumnConstraints equal = new javafx.scene.layout.ColumnConstraints();
                equal.setPercentWidth(100.0 / views.size());
                getColumnConstraints().add(equal);
            }
        }
    }

    public SliceView view(Plane plane) {
        return switch (plane) {
            case AXIAL -> axial;
            case CORONAL -> coronal;
            case SAGITTAL -> sagittal;
        };
    }

    public VolumeView volumeView() {
        return volumeView;
    }

    public List<SliceView> views() {
        return views;
    }

    public ObjectProperty<Volume> volumeProperty() {
        return volume;
    }

    public ObjectProperty<WindowLevel> windowProperty() {
        return window;
    }

    public ObjectProperty<double[]> crosshairProperty() {
        return crosshair;
    }

    public ObjectProperty<Layout> layoutProperty() {
        return layout;
    }

    public ObjectProperty<Plane> singlePlaneProperty() {
        return singlePlane;
    }

    /** Axial and coronal with the patient's left on the screen's left (default: radiological, right on left). */
    public BooleanProperty neurologicalProperty() {
        return neurological;
    }

    public BooleanProperty invertProperty() {
        return invert;
    }

    public BooleanProperty overlayTextVisibleProperty() {
        return overlayTextVisible;
    }

    /** Patient name, ID and study date in the views' text; off for screen sharing. */
    public BooleanProperty identifyingTextVisibleProperty() {
        return identifyingTextVisible;
    }

    public ObjectProperty<SliceRenderer.Interpolation> interpolationProperty() {
        return interpolation;
    }
}
