package org.groundwork.viewer.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.WindowLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the three views draw, read back from their pixels: a bright cube where the volume has it,
 * inverted grey, the crosshair through the shared point, the orientation letters at the edges.
 */
@Tag("fx")
class SliceViewPixelsTest {
    /** 40 x 40 x 20 voxels of 1 mm, LPS axes; a cube of 1000 at i 5-14, j 25-34, k 3-8 on 0. */
    private static final int[] CUBE_MIN = {5, 25, 3};
    private static final int[] CUBE_MAX = {15, 35, 9};
    private static Stage stage;
    private static MprViewer viewer;

    @BeforeAll
    static void show() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            viewer = new MprViewer();
            viewer.layoutProperty().set(MprViewer.Layout.ONE_BY_THREE);
            stage.setScene(new Scene(viewer, 1200, 420));
            stage.show();
            viewer.show(cube());
            viewer.windowProperty().set(new WindowLevel(500, 1000));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void hide() throws TimeoutException {
        FxToolkit.setupFixture(() -> stage.hide());
    }

    private static Volume cube() {
        int nx = 40, ny = 40, nz = 20;
        VoxelData.Int16 data = (VoxelData.Int16) VoxelData.allocate(VoxelType.INT16, nx * ny * nz);
        for (int k = CUBE_MIN[2]; k < CUBE_MAX[2]; k++) {
            for (int j = CUBE_MIN[1]; j < CUBE_MAX[1]; j++) {
                for (int i = CUBE_MIN[0]; i < CUBE_MAX[0]; i++) {
                    data.values()[i + nx * (j + ny * k)] = 1000;
                }
            }
        }
        return new Volume(nx, ny, nz, data, Affine.identity(), 1, 0, VolumeInfo.of("cube", "test", "test"), List.of());
    }

    private static WritableImage snapshot() {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)));
    }

    /** Where a patient point is drawn in a view, in scene pixels. */
    private static Point2D onScreen(SliceView view, double[] lps) {
        double[] s = view.transform().toScreen(lps);
        return view.localToScene(s[0], s[1]);
    }

    private static double grey(PixelReader pixels, Point2D at) {
        Color c = pixels.getColor((int) Math.round(at.getX()), (int) Math.round(at.getY()));
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3;
    }

    @Test
    void theCubeIsBrightWhereItIsAndInvertedGreySwapsItWithTheBackground() throws Exception {
        // The crosshair through the cube's centre, so that every view's slice cuts it.
        double[] centre = {(CUBE_MIN[0] + CUBE_MAX[0] - 1) / 2.0, (CUBE_MIN[1] + CUBE_MAX[1] - 1) / 2.0,
            (CUBE_MIN[2] + CUBE_MAX[2] - 1) / 2.0};
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> viewer.crosshairProperty().set(centre)));
        double[] inside = {centre[0] + 2.2, centre[1] - 2.2, centre[2] + 1.2}; // off the crosshair lines
        double[] outside = {centre[0] + 12, centre[1] - 12, centre[2] + 6};
        PixelReader pixels = snapshot().getPixelReader();
        for (SliceView view : viewer.views()) {
            assertTrue(grey(pixels, onScreen(view, inside)) > 0.9, view.plane() + ": the cube is white");
            assertTrue(grey(pixels, onScreen(view, outside)) < 0.1, view.plane() + ": the background is black");
        }
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> viewer.invertProperty().set(true)));
        PixelReader inverted = snapshot().getPixelReader();
        try {
            for (SliceView view : viewer.views()) {
                assertTrue(grey(inverted, onScreen(view, inside)) < 0.1, view.plane() + ": inverted, the cube is black");
                assertTrue(grey(inverted, onScreen(view, outside)) > 0.9, view.plane() + ": inverted, the background white");
            }
        } finally {
            WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> viewer.invertProperty().set(false)));
        }
    }

    @Test
    void theCrosshairIsDrawnThroughTheSharedPointInEveryView() throws Exception {
        double[] point = {20, 10, 12};
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> viewer.crosshairProperty().set(point)));
        PixelReader pixels = snapshot().getPixelReader();
        for (SliceView view : viewer.views()) {
            Point2D p = onScreen(view, point);
            int x = (int) Math.floor(p.getX());
            int y = (int) Math.round(p.getY()) + 40; // on the vertical line, clear of the gap around the point
            assertTrue(isCrosshairGreen(pixels.getColor(x, y)) || isCrosshairGreen(pixels.getColor(x + 1, y)),
                    view.plane() + ": crosshair at x " + x + " is " + pixels.getColor(x, y));
            assertTrue(!isCrosshairGreen(pixels.getColor(x + 6, y)), view.plane() + ": and only there");
        }
    }

    private static boolean isCrosshairGreen(Color c) {
        return c.getGreen() > 0.3 && c.getGreen() > c.getRed() + 0.15 && c.getGreen() > c.getBlue() + 0.1; // a 1-px line: antialiased over two
    }

    @Test
    void orientationLettersSitAtTheEdgesTheyName() {
        WritableImage image = snapshot();
        PixelReader pixels = image.getPixelReader();
        SliceView axial = viewer.view(Plane.AXIAL);
        Bounds view = axial.localToScene(axial.getBoundsInLocal());
        // Radiological convention: patient's right on the screen's left, anterior at the top.
        String[] expected = {"R", "L", "A", "P"};
        List<Label> edges = axial.getChildrenUnmodifiable().stream().filter(Label.class::isInstance).map(Label.class::cast)
                .filter(l -> l.getStyleClass().contains("orientation-letter")).toList();
        assertEquals(4, edges.size(), "four edge letters");
        for (int n = 0; n < 4; n++) {
            Label letter = edges.get(n);
            assertEquals(expected[n], letter.getText());
            Bounds at = letter.localToScene(letter.getBoundsInLocal());
            switch (n) {
                case 0 -> assertTrue(at.getMinX() - view.getMinX() < 20, "R at the left edge: " + at);
                case 1 -> assertTrue(view.getMaxX() - at.getMaxX() < 20, "L at the right edge: " + at);
                case 2 -> assertTrue(at.getMinY() - view.getMinY() < 20, "A at the top: " + at);
                default -> assertTrue(view.getMaxY() - at.getMaxY() < 20, "P at the bottom: " + at);
            }
            assertTrue(hasLetterColour(pixels, at), expected[n] + " is drawn in the letters' yellow: " + at);
        }
    }

    private static boolean hasLetterColour(PixelReader pixels, Bounds b) {
        for (int y = (int) b.getMinY(); y < (int) b.getMaxY(); y++) {
            for (int x = (int) b.getMinX(); x < (int) b.getMaxX(); x++) {
                Color c = pixels.getColor(x, y);
                if (c.getRed() > 0.8 && c.getGreen() > 0.65 && c.getBlue() < 0.55) {
                    return true;
                }
            }
        }
        return false;
    }
}
