package org.groundwork.viewer.fx;

import javafx.beans.value.ObservableValue;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** The linked crosshair: two lines through the shared point, with a gap so the point stays visible. */
final class CrosshairOverlay implements Overlay {
    private static final double GAP = 8;
    private final ObservableValue<double[]> point;

    CrosshairOverlay(ObservableValue<double[]> point) {
        this.point = point;
    }

    @Override
    public void draw(GraphicsContext g, ViewTransform view) {
        double[] p = point.getValue();
        if (p == null) {
            return;
        }
        double[] s = view.toScreen(p);
        double w = g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        g.setStroke(Color.web("#3fd07a", 0.85));
        g.setLineWidth(1);
        g.strokeLine(0, s[1], s[0] - GAP, s[1]);
        g.strokeLine(s[0] + GAP, s[1], w, s[1]);
        g.strokeLine(s[0], 0, s[0], s[1] - GAP);
        g.strokeLine(s[0], s[1] + GAP, s[0], h);
    }
}
