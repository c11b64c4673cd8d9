package org.groundwork.viewer.fx;

import javafx.scene.canvas.GraphicsContext;

/**
 * Something drawn over a slice view in patient coordinates (crosshair, boxes, labels). Annotation
 * tools implement it; the view calls it whenever the slice, zoom or pan change.
 */
@FunctionalInterface
public interface Overlay {
    void draw(GraphicsContext g, ViewTransform view);
}
