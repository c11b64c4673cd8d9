package org.groundwork.app.ui;

/**
 * Size, position and pane dividers of the main window.
 *
 * @param leftDivider position of the divider between worklist and image area, 0..1
 * @param rightDivider position of the divider between image area and annotation pane, 0..1
 */
public record WindowLayout(double x, double y, double width, double height, boolean maximized,
                           double leftDivider, double rightDivider) {
    /** Used on first start: large enough for three panes on a 1366x768 laptop. */
    public static final WindowLayout DEFAULT =
            new WindowLayout(Double.NaN, Double.NaN, 1280, 800, false, 0.2, 0.75);
}
