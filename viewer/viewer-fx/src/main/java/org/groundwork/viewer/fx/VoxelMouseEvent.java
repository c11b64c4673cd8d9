package org.groundwork.viewer.fx;

import javafx.scene.input.MouseEvent;

/**
 * A mouse event on a slice view, already placed in the volume: {@code lps} in patient millimetres,
 * {@code voxel} as fractional (i, j, k) indices of the view's volume. Consuming {@code source}
 * stops the view's own handling (crosshair, windowing), so a tool can take the mouse over.
 */
public record VoxelMouseEvent(MouseEvent source, SliceView view, double[] lps, double[] voxel) {
    public void consume() {
        source.consume();
    }
}
