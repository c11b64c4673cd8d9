package org.groundwork.annotate.fx.box;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ModelBoxes;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.annotate.fx.Editing;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.fx.BoxOutline;
import org.groundwork.viewer.fx.SliceView;
import org.groundwork.viewer.fx.ViewTransform;
import org.groundwork.viewer.fx.VoxelMouseEvent;

/**
 * A model's pending proposals over the views: dashed, in their region's colour, with the model's
 * confidence, and outlined in 3D. A click selects one; Enter accepts it (a box with MODEL
 * provenance), Delete rejects it. Every decision is one undoable edit.
 */
public final class ProposalTools {
    private static final Font LABEL = Font.font("System", FontWeight.BOLD, 12);
    private final BoxTools boxes;
    private final StringProperty selected = new SimpleStringProperty(this, "selectedProposal");

    public ProposalTools(BoxTools boxes) {
        this.boxes = boxes;
        for (SliceView view : boxes.viewer().views()) {
            view.addOverlay((g, t) -> draw(view, g, t));
            view.addVoxelMouseHandler(this::mouse);
            view.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        }
        selected.addListener((obs, old, id) -> boxes.redraw());
        boxes.selectedProperty().addListener((obs, old, id) -> {
            if (id != null) {
                selected.set(null); // one selection at a time: a box or a proposal
            }
        });
        boxes.showAlsoIn3d(this::outlines);
        boxes.blindFirstProperty().addListener((obs, was, on) -> boxes.redraw());
    }

    /** Id of the selected proposal, or null. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /**
     * The open case's proposals waiting for a decision that the reader may see: in blind-first mode,
     * not those of a region the reader has not boxed yet.
     */
    public List<Suggestion> pending() {
        Editing editing = boxes.editing();
        if (editing == null) {
            return List.of();
        }
        var state = editing.editor().current();
        return state.suggestions().stream().filter(s -> s.fate() == Suggestion.Fate.PENDING)
                .filter(s -> !boxes.blindFirstProperty().get() || !ModelBoxes.hiddenWhenBlind(state, s)).toList();
    }

    /** Accepts the selected proposal as a box, which becomes the selected box. */
    public boolean acceptSelected() {
        Suggestion s = selectedProposal();
        Editing editing = boxes.editing();
        if (s == null || !editing.apply(accept(editing, s))) {
            return false;
        }
        boxes.selectedProperty().set(s.id());
        return true;
    }

    public boolean rejectSelected() {
        Suggestion s = selectedProposal();
        Editing editing = boxes.editing();
        if (s == null || !editing.apply(ModelBoxes.reject(s, editing.clock().instant()))) {
            return false;
        }
        selected.set(null);
        return true;
    }

    /** Accepts, as one edit, every pending proposal at least this confident; returns how many. */
    public int acceptAbove(double confidence) {
        Editing editing = boxes.editing();
        List<Edit> accepts = new ArrayList<>();
        for (Suggestion s : pending()) {
            if (s.confidence() >= confidence) {
                accepts.add(accept(editing, s));
            }
        }
        if (accepts.isEmpty() || !editing.apply(new Edit.Batch(editing.caseId(), accepts))) {
            return 0;
        }
        return accepts.size();
    }

    private Edit accept(Editing editing, Suggestion s) {
        Volume v = boxes.volume();
        return ModelBoxes.accept(editing.editor().current(), s, editing.protocol().regionName(s.regionId()),
                v == null ? null : Box.patientCorners(v.voxelToLps(), s.min(), s.max()), editing.user().get(),
                editing.clock().instant());
    }

    private Suggestion selectedProposal() {
        return pending().stream().filter(s -> s.id().equals(selected.get())).findFirst().orElse(null);
    }

    private void draw(SliceView view, GraphicsContext g, ViewTransform t) {
        Volume volume = boxes.volume();
        if (volume == null || view.geometry() == null) {
            return;
        }
        g.save();
        g.setFont(LABEL);
        g.setTextBaseline(VPos.TOP);
        for (Suggestion s : pending()) {
            double[] r = BoxTools.screenRect(volume, t, s.min(), s.max());
            Color colour = boxes.colour(s.regionId());
            boolean cut = boxes.cuts(view, t, s.min(), s.max());
            boolean isSelected = s.id().equals(selected.get());
            g.setStroke(cut ? colour : colour.deriveColor(0, 1, 1, 0.35));
            g.setLineWidth(isSelected ? 3 : cut ? 1.5 : 1);
            g.setLineDashes(cut ? 8 : 3, cut ? 5 : 5);
            g.strokeRect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
            if (cut) {
                String label = text(s);
                g.setFill(Color.BLACK);
                g.fillText(label, r[0] + 3, r[3] + 3);
                g.setFill(colour);
                g.fillText(label, r[0] + 2, r[3] + 2);
            }
        }
        g.restore();
    }

    /** "Anterior cruciate ligament 62%": the region and the model's confidence, under the dashed box. */
    private String text(Suggestion s) {
        return boxes.editing().protocol().regionName(s.regionId())
                + String.format(Locale.ROOT, " %.0f%%", 100 * s.confidence());
    }

    private List<BoxOutline> outlines() {
        Volume v = boxes.volume();
        return v == null ? List.of() : pending().stream().map(s -> BoxOutline.ofVoxels(v.voxelToLps(), s.min(),
                s.max(), boxes.colour(s.regionId()).deriveColor(0, 1, 1, 0.6), text(s))).toList();
    }

    private void mouse(VoxelMouseEvent event) {
        MouseEvent m = event.source();
        if (m.getEventType() != MouseEvent.MOUSE_PRESSED || m.getButton() != MouseButton.PRIMARY || m.isConsumed()
                || m.isShiftDown() || boxes.toolProperty().get() != BoxTools.Tool.SELECT || boxes.volume() == null) {
            return;
        }
        SliceView view = event.view();
        ViewTransform t = view.transform();
        Suggestion hit = pending().stream().filter(s -> boxes.cuts(view, t, s.min(), s.max())).filter(s -> {
            double[] r = BoxTools.screenRect(boxes.volume(), t, s.min(), s.max());
            return m.getX() >= r[0] && m.getX() <= r[2] && m.getY() >= r[1] && m.getY() <= r[3];
        }).min(Comparator.comparingLong(s -> (long) (s.max()[0] - s.min()[0]) * (s.max()[1] - s.min()[1])
                * (s.max()[2] - s.min()[2]))).orElse(null);
        selected.set(hit == null ? null : hit.id());
        if (hit != null) {
            view.requestFocus();
            m.consume();
        }
    }

    private void key(KeyEvent e) {
        if (selected.get() == null || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.ENTER) {
            acceptSelected();
            e.consume();
        } else if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            rejectSelected();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            selected.set(null);
            e.consume();
        }
    }
}
