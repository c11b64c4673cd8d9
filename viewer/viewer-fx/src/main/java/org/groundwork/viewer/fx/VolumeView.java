package org.groundwork.viewer.fx;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.render.Camera;
import org.groundwork.viewer.core.render.TransferFunction;
import org.groundwork.viewer.core.render.VolumeRenderer;
import org.groundwork.viewer.core.render.WindowLevel;

/**
 * The 3D view: drag to rotate, wheel to zoom. While the mouse moves it renders at a quarter of the
 * pixels and refines when the mouse stops. Optionally outlines the three MPR planes through the
 * crosshair (axial red, coronal green, sagittal yellow, as in 3D Slicer).
 */
public final class VolumeView extends Region {
    /** What the view shows. */
    public enum Rendering { MIP, CT_BONE, CT_SOFT_TISSUE, MR }

    private record Frame(int[] argb, int width, int height) {
    }

    private final ImageView image = new ImageView();
    private final Canvas planes = new Canvas();
    private final Label caption = new Label();
    private final RenderScheduler<Frame> scheduler = new RenderScheduler<>(this::publish);
    private final ObjectProperty<VolumeRenderer> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<Camera> camera = new SimpleObjectProperty<>(this, "camera", Camera.FRONT);
    private final ObjectProperty<Rendering> rendering = new SimpleObjectProperty<>(this, "rendering", Rendering.MIP);
    private final ObjectProperty<WindowLevel> window = new SimpleObjectProperty<>(this, "window", new WindowLevel(0, 1));
    private final ObjectProperty<double[]> crosshair = new SimpleObjectProperty<>(this, "crosshair");
    private final BooleanProperty showPlanes = new SimpleBooleanProperty(this, "showPlanes", true);
    private final javafx.collections.ObservableList<BoxOutline> boxes = javafx.collections.FXCollections.observableArrayList();
    private double dragX;
    private double dragY;
    private boolean dragging;

    public VolumeView() {
        setId("volumeView");
        setStyle("-fx-background-color: black;");
        setMinSize(50, 50);
        planes.setMouseTransparent(true);
        caption.setTextFill(Color.web("#d8d8d8"));
        caption.setStyle("-fx-effect: dropshadow(gaussian, black, 3, 0.8, 0, 0); -fx-font-weight: bold;");
        getChildren().addAll(image, planes, caption);
        source.addListener((o, a, b) -> requestRender(false));
        camera.addListener((o, a, b) -> requestRender(dragging));
        rendering.addListener((o, a, b) -> requestRender(false));
        window.addListener((o, a, b) -> {
            if (rendering.get() == Rendering.MIP) {
                requestRender(false);
            }
        });
        crosshair.addListener((o, a, b) -> drawPlanes());
        showPlanes.addListener((o, a, b) -> drawPlanes());
        boxes.addListener((javafx.collections.ListChangeListener<BoxOutline>) c -> drawPlanes());
        widthProperty().addListener((o, a, b) -> requestRender(false));
        heightProperty().addListener((o, a, b) -> requestRender(false));
        sceneProperty().addListener((o, a, b) -> requestRender(false));
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragging = true;
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            camera.set(camera.get().rotatedBy((e.getX() - dragX) * 0.5, (e.getY() - dragY) * 0.5));
            dragX = e.getX();
            dragY = e.getY();
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            dragging = false;
            requestRender(false);
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                camera.set(camera.get().zoomedBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
            }
        });
    }

    /** Renders again (the voxels changed, e.g. while a volume finishes loading). */
    public void refresh() {
        requestRender(false);
    }

    public ObjectProperty<VolumeRenderer> sourceProperty() {
        return source;
    }

    public ObjectProperty<Camera> cameraProperty() {
        return camera;
    }

    public ObjectProperty<Rendering> renderingProperty() {
        return rendering;
    }

    public ObjectProperty<WindowLevel> windowProperty() {
        return window;
    }

    public ObjectProperty<double[]> crosshairProperty() {
        return crosshair;
    }

    public BooleanProperty showPlanesProperty() {
        return showPlanes;
    }

    /** Boxes drawn as wireframes over the rendering (annotations, model suggestions). */
    public javafx.collections.ObservableList<BoxOutline> boxes() {
        return boxes;
    }

    private void requestRender(boolean preview) {
        VolumeRenderer renderer = source.get();
        int width = (int) getWidth();
        int height = (int) getHeight();
        if (renderer == null || width < 2 || height < 2 || getScene() == null) {
            return; // not on screen (another layout): rendered when it comes back
        }
        int divisor = preview ? 2 : 1; // half the width and height: a quarter of the rays
        int w = Math.max(1, width / divisor);
        int h = Math.max(1, height / divisor);
        Camera c = camera.get();
        Rendering r = rendering.get();
        WindowLevel wl = window.get();
        TransferFunction tf = transferFunction(r, renderer.volume());
        scheduler.request(() -> {
            int[] argb = new int[w * h];
            renderer.render(c, r == Rendering.MIP ? VolumeRenderer.Mode.MIP : VolumeRenderer.Mode.DVR, wl, tf, w, h, argb,
                    preview);
            return new Frame(argb, w, h);
        });
        caption.setText(switch (r) {
            case MIP -> "3D  MIP";
            case CT_BONE -> "3D  CT bone";
            case CT_SOFT_TISSUE -> "3D  CT soft tissue";
            case MR -> "3D  MR";
        });
    }

    private static TransferFunction transferFunction(Rendering r, Volume v) {
        return switch (r) {
            case CT_BONE -> TransferFunction.CT_BONE;
            case CT_SOFT_TISSUE -> TransferFunction.CT_SOFT_TISSUE;
            case MR -> TransferFunction.mr(WindowLevel.auto(v));
            case MIP -> null;
        };
    }

    private void publish(Frame frame) {
        WritableImage img = new WritableImage(frame.width(), frame.height());
        img.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getIntArgbInstance(),
                frame.argb(), 0, frame.width());
        image.setImage(img);
        image.setFitWidth(getWidth());
        image.setFitHeight(getHeight());
        drawPlanes();
    }

    private void drawPlanes() {
        GraphicsContext g = planes.getGraphicsContext2D();
        g.clearRect(0, 0, planes.getWidth(), planes.getHeight());
        VolumeRenderer renderer = source.get();
        if (renderer == null) {
            return;
        }
        drawBoxes(g, renderer);
        double[] point = crosshair.get();
        if (!showPlanes.get() || point == null) {
            return;
        }
        double[][] box = bounds(renderer.volume());
        Color[] colours = {Color.web("#e05050"), Color.web("#50c050"), Color.web("#e0d040")};
        int[] normals = {2, 1, 0}; // axial, coronal, sagittal planes are normal to z, y, x
        for (int p = 0; p < 3; p++) {
            int n = normals[p];
            int a = (n + 1) % 3, b = (n + 2) % 3;
            double[][] corners = new double[4][];
            for (int c = 0; c < 4; c++) {
                double[] q = new double[3];
                q[n] = point[n];
                q[a] = box[(c == 1 || c == 2) ? 1 : 0][a];
                q[b] = box[c >= 2 ? 1 : 0][b];
                corners[c] = renderer.project(camera.get(), (int) getWidth(), (int) getHeight(), q);
            }
            g.setStroke(colours[p]);
            g.setLineWidth(1.2);
            g.strokePolygon(new double[] {corners[0][0], corners[1][0], corners[2][0], corners[3][0]},
                    new double[] {corners[0][1], corners[1][1], corners[2][1], corners[3][1]}, 4);
        }
    }

    private void drawBoxes(GraphicsContext g, VolumeRenderer renderer) {
        for (BoxOutline box : boxes) {
            double[][] screen = new double[8][];
            for (int c = 0; c < 8; c++) {
                screen[c] = renderer.project(camera.get(), (int) getWidth(), (int) getHeight(), box.corners()[c]);
            }
            g.setStroke(box.colour());
            g.setLineWidth(1.5);
            for (int[] edge : BoxOutline.EDGES) {
                g.strokeLine(screen[edge[0]][0], screen[edge[0]][1], screen[edge[1]][0], screen[edge[1]][1]);
            }
            if (box.label() != null) {
                g.setFill(box.colour());
                g.fillText(box.label(), screen[0][0] + 3, screen[0][1] - 3);
            }
        }
    }

    /** The volume's axis-aligned bounds in LPS: {min, max}. */
    private static double[][] bounds(Volume v) {
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int c = 0; c < 8; c++) {
            double[] p = v.voxelToLps().apply((c & 1) * (v.nx() - 1), (c >> 1 & 1) * (v.ny() - 1), (c >> 2 & 1) * (v.nz() - 1));
            for (int d = 0; d < 3; d++) {
                min[d] = Math.min(min[d], p[d]);
                max[d] = Math.max(max[d], p[d]);
            }
        }
        return new double[][] {min, max};
    }

    @Override
    protected void layoutChildren() {
        planes.setWidth(getWidth());
        planes.setHeight(getHeight());
        image.setFitWidth(getWidth());
        image.setFitHeight(getHeight());
        image.relocate(0, 0);
        caption.resizeRelocate(20, 6, caption.prefWidth(-1), caption.prefHeight(-1));
        drawPlanes();
    }
}
