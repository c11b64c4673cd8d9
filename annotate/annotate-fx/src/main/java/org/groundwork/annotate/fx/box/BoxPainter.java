package org.groundwork.annotate.fx.box;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.fx.SliceView;
import org.groundwork.viewer.fx.ViewTransform;

/**
 * Draws boxes over a slice view in their region's colour: solid with a label where the slice cuts
 * the box, a faint dashed projection where it does not, handles on the selected one.
 */
final class BoxPainter {
    private static final Font LABEL = Font.font("System", FontWeight.BOLD, 12);
    private static final double HANDLE = 7;
    private final BoxTools tools;

    BoxPainter(BoxTools tools) {
        this.tools = tools;
    }

    void draw(SliceView view, GraphicsContext g, ViewTransform t) {
        Volume volume = tools.volume();
        if (volume == null || view.geometry() == null) {
            return;
        }
        String selected = tools.selectedId();
        g.save();
        g.setFont(LABEL);
        g.setTextBaseline(VPos.BOTTOM);
        for (Box box : tools.shownBoxes()) {
            double[] r = BoxTools.screenRect(volume, t, box);
            Color colour = tools.colour(box);
            boolean cut = tools.cuts(view, t, box);
            boolean isSelected = box.id().equals(selected);
            if (!cut) {
                g.setStroke(colour.deriveColor(0, 1, 1, 0.45));
                g.setLineWidth(1);
                g.setLineDashes(4, 4);
                g.strokeRect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
                g.setLineDashes((double[]) null);
                continue;
            }
            g.setStroke(colour);
            g.setLineWidth(isSelected ? 2.5 : 1.5);
            g.strokeRect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
            String label = tools.label(box) + (box.shape() == Box.Shape.SLICE ? " (2D)" : "");
            g.setFill(Color.BLACK);
            g.fillText(label, r[0] + 3, r[1] - 1);
            g.setFill(colour);
            g.fillText(label, r[0] + 2, r[1] - 2);
            if (isSelected) {
                drawHandles(g, r, colour);
            }
        }
        g.restore();
    }

    private static void drawHandles(GraphicsContext g, double[] r, Color colour) {
        double[] xs = {r[0], (r[0] + r[2]) / 2, r[2]};
        double[] ys = {r[1], (r[1] + r[3]) / 2, r[3]};
        g.setFill(colour);
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i == 1 && j == 1) {
                    continue;
                }
                g.fillRect(xs[i] - HANDLE / 2, ys[j] - HANDLE / 2, HANDLE, HANDLE);
                g.strokeRect(xs[i] - HANDLE / 2, ys[j] - HANDLE / 2, HANDLE, HANDLE);
            }
        }
    }
}
