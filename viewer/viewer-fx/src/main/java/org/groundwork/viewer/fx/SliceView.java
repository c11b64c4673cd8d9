package org.groundwork.viewer.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.SampledSlice;
import org.groundwork.viewer.core.render.SliceGeometry;
import org.groundwork.viewer.core.render.SliceRenderer;
import org.groundwork.viewer.core.render.WindowLevel;

/**
 * One plane of a volume on screen: scroll through slices (wheel, arrows, Page Up/Down), window by
 * right-drag, zoom with Ctrl+wheel, pan with the middle button or Shift+drag, click to move the
 * crosshair. Orientation letters at the edges; overlay text that can be hidden. Pixels are square
 * in millimetres; rendering runs off the FX thread.
 */
public final class SliceView extends Region {
    private final Plane plane;
    private final ImageView image = new ImageView();
    private final Canvas overlayCanvas = new Canvas();
    private final Label[] edges = {new Label(), new Label(), new Label(), new Label()};
    private final Label topInfo = new Label();
    private final Label bottomInfo = new Label();
    private final List<Overlay> overlays = new ArrayList<>();
    private final RenderScheduler<int[]> scheduler = new RenderScheduler<>(this::publish);
    private final SampledSlice sampled = new SampledSlice();

    private final ObjectProperty<SliceRenderer> source = new SimpleObjectProperty<>(this, "source");
    private final IntegerProperty slice = new SimpleIntegerProperty(this, "slice");
    private final ObjectProperty<WindowLevel> window = new SimpleObjectProperty<>(this, "window", new WindowLevel(0, 1));
    private final ObjectProperty<double[]> crosshair = new SimpleObjectProperty<>(this, "crosshair");
    private final BooleanProperty invert = new SimpleBooleanProperty(this, "invert");
    private final BooleanProperty neurological = new SimpleBooleanProperty(this, "neurological");
    private final BooleanProperty overlayTextVisible = new SimpleBooleanProperty(this, "overlayTextVisible", true);
    private final BooleanProperty identifyingTextVisible = new SimpleBooleanProperty(this, "identifyingTextVisible", true);
    private final ObjectProperty<SliceRenderer.Interpolation> interpolation =
            new SimpleObjectProperty<>(this, "interpolation", SliceRenderer.Interpolation.LINEAR);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final DoubleProperty panX = new SimpleDoubleProperty(this, "panX");
    private final DoubleProperty panY = new SimpleDoubleProperty(this, "panY");

    private final javafx.beans.property.ReadOnlyIntegerWrapper framesShown =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "framesShown");
    private SliceGeometry geometry;
    private WritableImage frame;
    private double dragX;
    private double dragY;

    public SliceView(Plane plane) {
        this.plane = plane;
        setId(plane.name().toLowerCase(Locale.ROOT) + "View");
        getStyleClass().add("slice-view");
        setStyle("-fx-background-color: black;");
        setFocusTraversable(true);
        setMinSize(50, 50);
        image.setSmooth(false);
        overlayCanvas.setMouseTransparent(true);
        getChildren().addAll(image, overlayCanvas, topInfo, bottomInfo);
        for (Label edge : edges) {
            edge.getStyleClass().add("orientation-letter");
            edge.setTextFill(Color.web("#f0d060"));
            edge.setMouseTransparent(true);
            getChildren().add(edge);
        }
        for (Label label : List.of(edges[0], edges[1], edges[2], edges[3], topInfo, bottomInfo)) {
            // A dark halo keeps text readable over bright anatomy, as PACS viewers do.
            label.setStyle("-fx-effect: dropshadow(gaussian, black, 3, 0.8, 0, 0); -fx-font-weight: bold;");
        }
        for (Label info : new Label[] {topInfo, bottomInfo}) {
            info.setTextFill(Color.web("#d8d8d8"));
            info.setMouseTransparent(true);
            info.visibleProperty().bind(overlayTextVisible);
        }
        bottomInfo.setAlignment(Pos.BOTTOM_LEFT);
        topInfo.getStyleClass().add("view-top-info");
        overlays.add(new CrosshairOverlay(crosshair));

        source.addListener((obs, old, renderer) -> resetGeometry());
        neurological.addListener((obs, old, value) -> resetGeometry());
        slice.addListener((obs, old, value) -> requestRender());
        window.addListener((obs, old, value) -> requestRender());
        invert.addListener((obs, old, value) -> requestRender());
        interpolation.addListener((obs, old, value) -> requestRender());
        identifyingTextVisible.addListener((obs, old, value) -> updateInfo());
        zoom.addListener((obs, old, value) -> requestLayout());
        panX.addListener((obs, old, value) -> requestLayout());
        panY.addListener((obs, old, value) -> requestLayout());
        crosshair.addListener((obs, old, point) -> followCrosshair(point));
        installMouseAndKeys();
    }

    public Plane plane() {
        return plane;
    }

    public ObjectProperty<SliceRenderer> sourceProperty() {
        return source;
    }

    public IntegerProperty sliceProperty() {
        return slice;
    }

    public ObjectProperty<WindowLevel> windowProperty() {
        return window;
    }

    /** The linked cursor position in LPS millimetres; views sharing it show the same point. */
    public ObjectProperty<double[]> crosshairProperty() {
        return crosshair;
    }

    public BooleanProperty invertProperty() {
        return invert;
    }

    public BooleanProperty neurologicalProperty() {
        return neurological;
    }

    public BooleanProperty overlayTextVisibleProperty() {
        return overlayTextVisible;
    }

    /** Whether the overlay names the patient and the study date (off for screen sharing). */
    public BooleanProperty identifyingTextVisibleProperty() {
        return identifyingTextVisible;
    }

    public ObjectProperty<SliceRenderer.Interpolation> interpolationProperty() {
        return interpolation;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The slice geometry of the current volume, or null. */
    public SliceGeometry geometry() {
        return geometry;
    }

    /**
     * Receives every mouse event on the view with its patient and voxel position, before the view's
     * own handling; see {@link VoxelMouseEvent}.
     */
    public void addVoxelMouseHandler(java.util.function.Consumer<VoxelMouseEvent> handler) {
        addEventFilter(MouseEvent.ANY, e -> {
            ViewTransform t = transform();
            if (t != null && source.get() != null) {
                double[] lps = t.toPatient(e.getX(), e.getY());
                double[] voxel = source.get().volume().voxelToLps().inverse().apply(lps[0], lps[1], lps[2]);
                handler.accept(new VoxelMouseEvent(e, this, lps, voxel));
            }
        });
    }

    /** Draws {@code overlay} over the image from now on. */
    public void addOverlay(Overlay overlay) {
        overlays.add(overlay);
        drawOverlays();
    }

    public void removeOverlay(Overlay overlay) {
        overlays.remove(overlay);
        drawOverlays();
    }

    /** Where the slice is on screen right now, or null with no volume. */
    public ViewTransform transform() {
        if (geometry == null) {
            return null;
        }
        double fit = Math.min(getWidth() / geometry.width(), getHeight() / geometry.height());
        double scale = fit * zoom.get();
        double ox = (getWidth() - geometry.width() * scale) / 2 + panX.get();
        double oy = (getHeight() - geometry.height() * scale) / 2 + panY.get();
        return new ViewTransform(geometry, slice.get(), scale, ox, oy);
    }

    /** Draws the current slice again (the voxels changed, e.g. while a volume finishes loading). */
    public void refresh() {
        sampled.invalidate();
        requestRender();
    }

    /** Draws the overlays again (what they show changed; the image did not). */
    public void redrawOverlays() {
        drawOverlays();
    }

    /** Back to the whole slice in the middle of the view. */
    public void fit() {
        zoom.set(1);
        panX.set(0);
        panY.set(0);
    }

    private void resetGeometry() {
        SliceRenderer renderer = source.get();
        if (renderer == null) {
            geometry = null;
            image.setImage(null);
            return;
        }
        geometry = SliceGeometry.of(renderer.volume(), plane, neurological.get());
        frame = new WritableImage(geometry.width(), geometry.height());
        image.setImage(frame);
        String[] letters = geometry.edgeLetters();
        for (int e = 0; e < 4; e++) {
            edges[e].setText(letters[e]);
        }
        int middle = geometry.slices() / 2;
        if (slice.get() == middle) {
            requestRender();
        } else {
            slice.set(middle);
        }
        requestLayout();
    }

    private void requestRender() {
        SliceRenderer renderer = source.get();
        SliceGeometry g = geometry;
        if (renderer == null || g == null) {
            return;
        }
        int s = Math.max(0, Math.min(g.slices() - 1, slice.get()));
        WindowLevel w = window.get();
        boolean inverted = invert.get() ^ renderer.volume().info().invertedGrey();
        SliceRenderer.Interpolation i = interpolation.get();
        scheduler.request(() -> {
            int[] argb = new int[g.width() * g.height()];
            renderer.render(g, s, w, i, inverted, argb, sampled);
            return argb;
        });
        updateInfo();
    }

    private void publish(int[] argb) {
        if (frame != null && argb.length == (int) frame.getWidth() * (int) frame.getHeight()) {
            frame.getPixelWriter().setPixels(0, 0, (int) frame.getWidth(), (int) frame.getHeight(),
                    PixelFormat.getIntArgbInstance(), argb, 0, (int) frame.getWidth());
        }
        drawOverlays();
        framesShown.set(framesShown.get() + 1);
    }

    /** On the FX thread: whether a change (slice, window, voxels) is still being rendered; for benchmarks and tests. */
    public boolean framePending() {
        return scheduler.framePending();
    }

    /** How many rendered frames this view has put on screen; for start-up checks and tests. */
    public javafx.beans.property.ReadOnlyIntegerProperty framesShownProperty() {
        return framesShown.getReadOnlyProperty();
    }

    private void followCrosshair(double[] point) {
        if (point != null && geometry != null) {
            int target = geometry.sliceOf(point);
            if (target != slice.get()) {
                slice.set(target);
            }
        }
        drawOverlays();
    }

    private void updateInfo() {
        SliceRenderer renderer = source.get();
        if (renderer == null || geometry == null) {
            return;
        }
        List<String> lines = new java.util.ArrayList<>(OverlayText.describe(renderer.volume().info(),
                identifyingTextVisible.get()));
        lines.add(plane.name().charAt(0) + plane.name().substring(1).toLowerCase(Locale.ROOT));
        topInfo.setText(String.join("\n", lines));
        double position = geometry.positionMm(slice.get());
        WindowLevel w = window.get();
        bottomInfo.setText(String.format(Locale.ROOT, "Slice %d/%d  %.1f mm%nW %.0f  L %.0f%nZoom %.0f%%",
                slice.get() + 1, geometry.slices(), position, w.width(), w.center(), zoom.get() * 100));
    }

    private void drawOverlays() {
        overlayCanvas.getGraphicsContext2D().clearRect(0, 0, overlayCanvas.getWidth(), overlayCanvas.getHeight());
        ViewTransform t = transform();
        if (t == null) {
            return;
        }
        for (Overlay o : overlays) {
            o.draw(overlayCanvas.getGraphicsContext2D(), t);
        }
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        overlayCanvas.setWidth(w);
        overlayCanvas.setHeight(h);
        ViewTransform t = transform();
        if (t != null) {
            image.setFitWidth(geometry.width() * t.scale());
            image.setFitHeight(geometry.height() * t.scale());
            image.relocate(t.offsetX(), t.offsetY());
        }
        double pad = 6;
        layoutLabel(edges[0], pad, (h - edges[0].prefHeight(-1)) / 2);
        layoutLabel(edges[1], w - edges[1].prefWidth(-1) - pad, (h - edges[1].prefHeight(-1)) / 2);
        layoutLabel(edges[2], (w - edges[2].prefWidth(-1)) / 2, pad);
        layoutLabel(edges[3], (w - edges[3].prefWidth(-1)) / 2, h - edges[3].prefHeight(-1) - pad);
        updateInfo();
        double textWidth = Math.max(0, w - 2 * (pad + 14)); // long text ends in an ellipsis, never past the view
        topInfo.resizeRelocate(pad + 14, pad + edges[2].prefHeight(-1), Math.min(topInfo.prefWidth(-1), textWidth),
                topInfo.prefHeight(-1)); // below the top letter
        bottomInfo.resizeRelocate(pad + 14, h - bottomInfo.prefHeight(-1) - pad - edges[3].prefHeight(-1),
                Math.min(bottomInfo.prefWidth(-1), textWidth), bottomInfo.prefHeight(-1));
        drawOverlays();
    }

    private static void layoutLabel(Label label, double x, double y) {
        label.resizeRelocate(x, y, label.prefWidth(-1), label.prefHeight(-1));
    }

    private void installMouseAndKeys() {
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (geometry == null || e.getDeltaY() == 0) {
                return;
            }
            if (e.isShortcutDown()) {
                zoom.set(Math.max(0.25, Math.min(16, zoom.get() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1))));
            } else {
                step(e.getDeltaY() > 0 ? 1 : -1);
            }
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            dragX = e.getX();
            dragY = e.getY();
            if (e.getButton() == MouseButton.PRIMARY && !e.isShiftDown() && geometry != null) {
                crosshair.set(transform().toPatient(e.getX(), e.getY()));
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            double dx = e.getX() - dragX;
            double dy = e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            if (e.getButton() == MouseButton.SECONDARY) {
                // Horizontal drag widens the window, vertical drag moves the level, as in PACS viewers.
                WindowLevel w = window.get();
                double rate = Math.max(w.width(), 1) / 256;
                window.set(new WindowLevel(w.center() + dy * rate, Math.max(1, w.width() + dx * rate)));
            } else if (e.getButton() == MouseButton.MIDDLE || e.isShiftDown()) {
                panX.set(panX.get() + dx);
                panY.set(panY.get() + dy);
            } else if (e.getButton() == MouseButton.PRIMARY && geometry != null) {
                crosshair.set(transform().toPatient(e.getX(), e.getY()));
            }
        });
        setOnKeyPressed(e -> {
            KeyCode code = e.getCode();
            if (code == KeyCode.UP || code == KeyCode.RIGHT) {
                step(1);
            } else if (code == KeyCode.DOWN || code == KeyCode.LEFT) {
                step(-1);
            } else if (code == KeyCode.PAGE_UP) {
                step(10);
            } else if (code == KeyCode.PAGE_DOWN) {
                step(-10);
            } else if (code == KeyCode.HOME) {
                step(-Integer.MAX_VALUE / 2);
            } else if (code == KeyCode.END) {
                step(Integer.MAX_VALUE / 2);
            } else {
                return;
            }
            e.consume();
        });
    }

    /** Moves by {@code delta} slices, staying inside the volume. */
    public void step(int delta) {
        if (geometry != null) {
            long target = (long) slice.get() + delta;
            slice.set((int) Math.max(0, Math.min(geometry.slices() - 1, target)));
        }
    }
}
