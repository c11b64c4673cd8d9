package org.groundwork.viewer.fx;

import org.groundwork.viewer.core.render.SliceGeometry;

/**
 * Where a slice's pixels are on screen: image pixel (x, y) is drawn at {@code offsetX + x * scale}.
 * Overlays use it to draw in patient coordinates; mouse handlers to find the patient position.
 */
public record ViewTransform(SliceGeometry geometry, int slice, double scale, double offsetX, double offsetY) {
    /** Screen position {x, y} of an LPS point (projected onto this view's plane). */
    public double[] toScreen(double[] lps) {
        double[] p = geometry.locate(lps);
        return new double[] {offsetX + (p[0] + 0.5) * scale, offsetY + (p[1] + 0.5) * scale};
    }

    /** LPS point under a screen position, on the current slice. */
    public double[] toPatient(double screenX, double screenY) {
        return geometry.pointAt((screenX - offsetX) / scale - 0.5, (screenY - offsetY) / scale - 0.5, slice);
    }
}
