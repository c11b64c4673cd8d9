package org.groundwork.annotate.fx.box;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Cursor;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ModelBoxes;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.fx.Editing;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.fx.BoxOutline;
import org.groundwork.viewer.fx.MprViewer;
import org.groundwork.viewer.fx.SliceView;
import org.groundwork.viewer.fx.ViewTransform;
import org.groundwork.viewer.fx.VoxelMouseEvent;

/**
 * Drawing and editing boxes in the views of an {@link MprViewer}. With the 3D or 2D box tool, a drag
 * draws a new box on the current slice (a 3D box starts as deep as it is narrow, centred on the
 * slice; a 2D box is one slice thick). The selected box has handles on every edge in every view
 * that cuts it, so the extent along the third axis is set by dragging its edges in another view;
 * inside a box a drag moves it. Arrow keys nudge the selected box by a voxel (Shift: ten), Delete
 * removes it, Escape drops the selection. Every change is one undoable edit.
 */
public final class BoxTools {
    /** What a left-drag on empty image does. */
    public enum Tool { SELECT, BOX_3D, BOX_2D }

    private static final double GRAB = 6;

    private final MprViewer viewer;
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.SELECT);
    private final StringProperty region = new SimpleStringProperty(this, "region");
    private final StringProperty selected = new SimpleStringProperty(this, "selected");
    private final javafx.beans.property.BooleanProperty blindFirst =
            new javafx.beans.property.SimpleBooleanProperty(this, "blindFirst");
    private final BoxPainter painter = new BoxPainter(this);
    private Editing editing;
    private Drag drag;
    private java.util.function.Supplier<List<BoxOutline>> extraOutlines = List::of;

    /** A drag in progress: what it started from and the box it would make now. */
    private record Drag(SliceView view, Kind kind, Box original, double[] start, List<int[]> faces, Box preview) {
        Drag with(Box newPreview) {
            return new Drag(view, kind, original, start, faces, newPreview);
        }
    }

    private enum Kind { CREATE, MOVE, RESIZE }

    public BoxTools(MprViewer viewer) {
        this.viewer = viewer;
        for (SliceView view : viewer.views()) {
            view.addOverlay((g, t) -> painter.draw(view, g, t));
            view.addVoxelMouseHandler(this::mouse);
            view.addEventFilter(KeyEvent.KEY_PRESSED, e -> key(view, e));
        }
        selected.addListener((obs, old, id) -> redraw());
        colourByReader.addListener((obs, old, on) -> redraw());
        viewer.volumeProperty().addListener((obs, old, v) -> redraw());
    }

    /** Edits the boxes of a case from now on, reporting failed edits as {@code caseEditing} says; null detaches. */
    public void attach(Editing caseEditing) {
        editing = caseEditing;
        drag = null;
        selected.set(null);
        if (caseEditing != null) {
            caseEditing.editor().addListener(() -> {
                if (editing == caseEditing) {
                    changed();
                }
            });
        }
        changed();
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    /** The protocol region that new boxes mark. */
    public StringProperty regionProperty() {
        return region;
    }

    /** Blind-first mode: a region's proposals stay hidden until the reader has drawn their own box of it. */
    public javafx.beans.property.BooleanProperty blindFirstProperty() {
        return blindFirst;
    }

    /** Id of the selected box, or null. */
    public StringProperty selectedProperty() {
        return selected;
    }

    public Optional<Box> selectedBox() {
        return editing == null || selected.get() == null ? Optional.empty()
                : editing.editor().current().box(selected.get());
    }

    public void deleteSelected() {
        selectedBox().ifPresent(b -> editing.apply(ModelBoxes.delete(editing.editor().current(), b,
                editing.clock().instant())));
    }

    /** Copies the selected box, shifted by two voxels in-plane where the volume allows, and selects the copy. */
    public void duplicateSelected() {
        selectedBox().ifPresent(b -> {
            Box copy = shifted(b.withId(UUID.randomUUID().toString()).withProvenance(editing.byUser()),
                    new int[] {2, 2, 0});
            if (editing.apply(new Edit.PutBox(copy))) {
                selected.set(copy.id());
            }
        });
    }

    Volume volume() {
        return viewer.volumeProperty().get();
    }

    /** The boxes to draw: the case's, with a box being dragged shown where it would go. */
    List<Box> shownBoxes() {
        if (editing == null) {
            return List.of();
        }
        List<Box> boxes = new java.util.ArrayList<>(editing.editor().current().boxes());
        if (drag != null && drag.preview() != null) {
            boxes.removeIf(b -> b.id().equals(drag.preview().id()));
            boxes.add(drag.preview());
        }
        return boxes;
    }

    String selectedId() {
        return drag != null && drag.preview() != null ? drag.preview().id() : selected.get();
    }

    /** Distinct colours for readers while adjudicating; the consensus is white. */
    private static final List<Color> READER_COLOURS = List.of(Color.web("#ff7f0e"), Color.web("#1f9bff"),
            Color.web("#2ca02c"), Color.web("#d62728"), Color.web("#b86bff"), Color.web("#e7d21b"));
    private final javafx.beans.property.BooleanProperty colourByReader = new javafx.beans.property.SimpleBooleanProperty();

    /** On while adjudicating: boxes take their reader's colour and name, so that readings can be told apart. */
    public javafx.beans.property.BooleanProperty colourByReaderProperty() {
        return colourByReader;
    }

    Color colour(Box box) {
        if (colourByReader.get()) {
            String reader = box.provenance().author();
            return org.groundwork.annotate.core.project.Readings.CONSENSUS.equals(reader) ? Color.WHITE
                    : READER_COLOURS.get(Math.floorMod(reader.hashCode(), READER_COLOURS.size()));
        }
        return colour(box.regionId());
    }

    Color colour(String regionId) {
        String hex = editing == null ? null
                : editing.protocol().region(regionId).map(r -> r.colour()).orElse(null);
        return hex == null ? Color.web("#f0d060") : Color.web(hex);
    }

    /** The region's name, and for a box a model made, which model and whether a reader changed it. */
    String label(Box box) {
        String name = box.label() != null ? box.label() : editing == null ? "" : editing.protocol().regionName(box.regionId());
        Provenance p = box.provenance();
        String shown = switch (p.origin()) {
            case MODEL -> name + " [" + p.modelId() + "]";
            case MODEL_EDITED -> name + " [" + p.modelId() + ", edited]";
            default -> name;
        };
        return colourByReader.get() ? shown + " · " + p.author() : shown;
    }

    ViewAxes axes(SliceView view) {
        return ViewAxes.of(view.geometry(), volume().voxelToLps());
    }

    /** The voxel index of the view's current slice along its normal voxel axis. */
    int sliceIndex(SliceView view, ViewTransform t) {
        double[] p = t.toPatient(t.offsetX(), t.offsetY());
        double[] voxel = volume().voxelToLps().inverse().apply(p[0], p[1], p[2]);
        return (int) Math.round(voxel[axes(view).normal()]);
    }

    boolean cuts(SliceView view, ViewTransform t, Box box) {
        return cuts(view, t, box.min(), box.max());
    }

    /** Whether the view's slice passes through the voxel box [min, max). */
    boolean cuts(SliceView view, ViewTransform t, int[] min, int[] max) {
        int normal = axes(view).normal();
        int s = sliceIndex(view, t);
        return s >= min[normal] && s < max[normal];
    }

    /** The screen rectangle {x0, y0, x1, y1} of a box in a view (its projection). */
    static double[] screenRect(Volume volume, ViewTransform t, Box box) {
        return screenRect(volume, t, box.min(), box.max());
    }

    static double[] screenRect(Volume volume, ViewTransform t, int[] min, int[] max) {
        double[][] corners = BoxOutline.ofVoxels(volume.voxelToLps(), min, max, Color.WHITE, "").corners();
        double[] r = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] corner : corners) {
            double[] p = t.toScreen(corner);
            r[0] = Math.min(r[0], p[0]);
            r[1] = Math.min(r[1], p[1]);
            r[2] = Math.max(r[2], p[0]);
            r[3] = Math.max(r[3], p[1]);
        }
        return r;
    }

    private void mouse(VoxelMouseEvent event) {
        MouseEvent m = event.source();
        if (editing == null || volume() == null || m.isShiftDown() || m.getButton() != MouseButton.PRIMARY
                && m.getEventType() != MouseEvent.MOUSE_MOVED) {
            return;
        }
        if (m.getEventType() == MouseEvent.MOUSE_PRESSED) {
            press(event);
        } else if (m.getEventType() == MouseEvent.MOUSE_DRAGGED && drag != null && drag.view() == event.view()) {
            drag = drag.with(reshape(drag, event.voxel()));
            event.consume();
            redraw();
        } else if (m.getEventType() == MouseEvent.MOUSE_RELEASED && drag != null) {
            finish();
            event.consume();
        } else if (m.getEventType() == MouseEvent.MOUSE_MOVED) {
            hover(event);
        }
    }

    private void press(VoxelMouseEvent event) {
        SliceView view = event.view();
        ViewTransform t = view.transform();
        double x = event.source().getX();
        double y = event.source().getY();
        Box chosen = selectedBox().orElse(null);
        List<int[]> faces = chosen == null || !cuts(view, t, chosen) ? List.of() : facesAt(view, t, chosen, x, y);
        Drag started = null;
        if (!faces.isEmpty()) {
            started = new Drag(view, Kind.RESIZE, chosen, event.voxel(), faces, null);
        } else if (tool.get() == Tool.SELECT) {
            Box hit = boxAt(view, t, x, y);
            if (hit != null) {
                selected.set(hit.id());
                started = new Drag(view, Kind.MOVE, hit, event.voxel(), List.of(), null);
            } else {
                selected.set(null);
            }
        } else {
            started = new Drag(view, Kind.CREATE, null, event.voxel(), List.of(), null);
        }
        if (started != null) {
            drag = started;
            view.requestFocus();
            event.consume();
        }
    }

    private void hover(VoxelMouseEvent event) {
        SliceView view = event.view();
        Box chosen = selectedBox().orElse(null);
        ViewTransform t = view.transform();
        List<int[]> faces = chosen == null || !cuts(view, t, chosen) ? List.of()
                : facesAt(view, t, chosen, event.source().getX(), event.source().getY());
        view.setCursor(!faces.isEmpty() ? Cursor.CROSSHAIR
                : tool.get() != Tool.SELECT ? Cursor.CROSSHAIR : Cursor.DEFAULT);
    }

    /** The in-slice box under a screen point; the smallest when boxes overlap. */
    private Box boxAt(SliceView view, ViewTransform t, double x, double y) {
        return editing.editor().current().boxes().stream().filter(b -> cuts(view, t, b)).filter(b -> {
            double[] r = screenRect(volume(), t, b);
            return x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3];
        }).min(Comparator.comparingDouble(b -> {
            double[] r = screenRect(volume(), t, b);
            return (r[2] - r[0]) * (r[3] - r[1]);
        })).orElse(null);
    }

    /** The box faces near a screen point, as {voxel axis, 0 for min / 1 for max}. */
    private List<int[]> facesAt(SliceView view, ViewTransform t, Box box, double x, double y) {
        double[] r = screenRect(volume(), t, box);
        ViewAxes axes = axes(view);
        List<int[]> faces = new java.util.ArrayList<>();
        boolean withinY = y > r[1] - GRAB && y < r[3] + GRAB;
        boolean withinX = x > r[0] - GRAB && x < r[2] + GRAB;
        if (withinY && Math.abs(x - r[0]) < GRAB) {
            faces.add(new int[] {axes.x(), axes.xSign() > 0 ? 0 : 1});
        } else if (withinY && Math.abs(x - r[2]) < GRAB) {
            faces.add(new int[] {axes.x(), axes.xSign() > 0 ? 1 : 0});
        }
        if (withinX && Math.abs(y - r[1]) < GRAB) {
            faces.add(new int[] {axes.y(), axes.ySign() > 0 ? 0 : 1});
        } else if (withinX && Math.abs(y - r[3]) < GRAB) {
            faces.add(new int[] {axes.y(), axes.ySign() > 0 ? 1 : 0});
        }
        return faces;
    }

    /** The box a drag makes with the mouse at fractional voxel position {@code at}. */
    private Box reshape(Drag d, double[] at) {
        int[] n = {volume().nx(), volume().ny(), volume().nz()};
        return switch (d.kind()) {
            case RESIZE -> {
                int[] min = d.original().min();
                int[] max = d.original().max();
                for (int[] face : d.faces()) {
                    int axis = face[0];
                    int edge = clamp((int) Math.round(at[axis] + 0.5), 0, n[axis]);
                    if (face[1] == 0) {
                        min[axis] = Math.min(edge, max[axis] - 1);
                    } else {
                        max[axis] = Math.max(edge, min[axis] + 1);
                    }
                }
                yield d.original().withExtent(min, max, volume().voxelToLps());
            }
            case MOVE -> {
                ViewAxes axes = axes(d.view());
                int[] delta = new int[3];
                delta[axes.x()] = (int) Math.round(at[axes.x()] - d.start()[axes.x()]);
                delta[axes.y()] = (int) Math.round(at[axes.y()] - d.start()[axes.y()]);
                yield shifted(d.original(), delta);
            }
            case CREATE -> created(d, at, n);
        };
    }

    private Box created(Drag d, double[] at, int[] n) {
        ViewAxes axes = axes(d.view());
        int[] min = new int[3];
        int[] max = new int[3];
        for (int axis : new int[] {axes.x(), axes.y()}) {
            min[axis] = clamp((int) Math.round(Math.min(d.start()[axis], at[axis])), 0, n[axis] - 1);
            max[axis] = clamp((int) Math.round(Math.max(d.start()[axis], at[axis])) + 1, min[axis] + 1, n[axis]);
        }
        var a = volume().voxelToLps();
        int normal = axes.normal();
        int depth = 1;
        if (tool.get() == Tool.BOX_3D) {
            double narrow = Math.min((max[axes.x()] - min[axes.x()]) * a.spacing(axes.x()),
                    (max[axes.y()] - min[axes.y()]) * a.spacing(axes.y()));
            depth = clamp((int) Math.round(narrow / a.spacing(normal)), 1, n[normal]);
        }
        int slice = clamp((int) Math.round(d.start()[normal]), 0, n[normal] - 1);
        min[normal] = clamp(slice - depth / 2, 0, n[normal] - depth);
        max[normal] = min[normal] + depth;
        String id = d.preview() == null ? UUID.randomUUID().toString() : d.preview().id();
        String regionId = region.get();
        Box.Shape shape = tool.get() == Tool.BOX_2D ? Box.Shape.SLICE : Box.Shape.VOLUME;
        return new Box(id, editing.caseId(), regionId, regionId == null ? null : editing.protocol().regionName(regionId),
                min, max, shape, Box.patientCorners(a, min, max), editing.byUser());
    }

    private void finish() {
        Drag d = drag;
        drag = null;
        Box result = d.preview();
        if (result == null || result.equals(d.original())) {
            redraw();
            return;
        }
        if (d.kind() == Kind.CREATE) {
            int[] size = result.size();
            ViewAxes axes = axes(d.view());
            if (size[axes.x()] < 2 && size[axes.y()] < 2) {
                redraw(); // a click, not a box
                return;
            }
        }
        if (editing.apply(ModelBoxes.put(editing.editor().current(), result, editing.clock().instant(),
                blindFirst.get()))) {
            selected.set(result.id());
        }
        redraw();
    }

    private void key(SliceView view, KeyEvent e) {
        Box box = selectedBox().orElse(null);
        if (box == null || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        ViewAxes axes = axes(view);
        int step = e.isShiftDown() ? 10 : 1;
        int[] delta = new int[3];
        KeyCode code = e.getCode();
        if (code == KeyCode.LEFT || code == KeyCode.RIGHT) {
            delta[axes.x()] = (code == KeyCode.RIGHT ? step : -step) * axes.xSign();
        } else if (code == KeyCode.UP || code == KeyCode.DOWN) {
            delta[axes.y()] = (code == KeyCode.DOWN ? step : -step) * axes.ySign();
        } else if (code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) {
            deleteSelected();
            e.consume();
            return;
        } else if (code == KeyCode.ESCAPE) {
            selected.set(null);
            e.consume();
            return;
        } else {
            return;
        }
        Box moved = shifted(box, delta);
        if (!moved.equals(box)) {
            editing.apply(ModelBoxes.put(editing.editor().current(), moved, editing.clock().instant(), blindFirst.get()));
        }
        e.consume();
    }

    /** The box moved by {@code delta} voxels, stopped at the volume's edges. */
    private Box shifted(Box box, int[] delta) {
        int[] n = {volume().nx(), volume().ny(), volume().nz()};
        int[] min = box.min();
        int[] max = box.max();
        for (int a = 0; a < 3; a++) {
            int size = max[a] - min[a];
            min[a] = clamp(min[a] + delta[a], 0, Math.max(0, n[a] - size));
            max[a] = min[a] + size;
        }
        return box.withExtent(min, max, volume().voxelToLps());
    }

    private void changed() {
        if (editing != null && selected.get() != null && editing.editor().current().box(selected.get()).isEmpty()) {
            selected.set(null);
        }
        redraw();
    }

    /** Outlines drawn in the 3D view beside the boxes (model proposals). */
    void showAlsoIn3d(java.util.function.Supplier<List<BoxOutline>> outlines) {
        extraOutlines = outlines;
        redraw();
    }

    Editing editing() {
        return editing;
    }

    MprViewer viewer() {
        return viewer;
    }

    void redraw() {
        for (SliceView view : viewer.views()) {
            view.redrawOverlays();
        }
        Volume v = volume();
        List<BoxOutline> outlines = new java.util.ArrayList<>();
        if (v != null) {
            shownBoxes().forEach(b -> outlines.add(BoxOutline.ofVoxels(v.voxelToLps(), b.min(), b.max(), colour(b), label(b))));
            outlines.addAll(extraOutlines.get());
        }
        viewer.volumeView().boxes().setAll(outlines);
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
