package org.groundwork.annotate.fx.box;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.annotate.fx.Editing;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.fx.MprViewer;
import org.groundwork.viewer.fx.SliceView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A box is outlined in its region's colour exactly over the voxels it spans, in every view that cuts
 * it, and the selected box shows its handles: read back from the pixels on screen.
 */
@Tag("fx")
class BoxPixelsTest {
    private static final Protocol KNEE = ProtocolReader.builtIn("knee-mri");
    private static final int[] MIN = {8, 12, 4};
    private static final int[] MAX = {24, 30, 14};
    private static Stage stage;
    private static MprViewer viewer;
    private static BoxTools tools;

    @BeforeAll
    static void show() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
        Box box = new Box("b", 1, "femur-medial-central", null, MIN, MAX, Provenance.human("reader", Instant.EPOCH));
        CaseAnnotations annotations = CaseAnnotations.empty(1).apply(new Edit.PutBox(box));
        FxToolkit.setupFixture(() -> {
            viewer = new MprViewer();
            viewer.layoutProperty().set(MprViewer.Layout.ONE_BY_THREE);
            stage.setScene(new Scene(viewer, 1200, 420));
            stage.show();
            viewer.show(blank());
            tools = new BoxTools(viewer);
            tools.attach(new Editing(new CaseEditor(annotations, edit -> { }), KNEE, () -> "reader", Clock.systemUTC(),
                    message -> { }));
            // The crosshair inside the box: every view's slice cuts it.
            viewer.crosshairProperty().set(new double[] {15, 20, 9});
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void hide() throws TimeoutException {
        FxToolkit.setupFixture(() -> stage.hide());
    }

    private static Volume blank() {
        VoxelData data = VoxelData.allocate(VoxelType.INT16, 40 * 40 * 20);
        return new Volume(40, 40, 20, data, Affine.identity(), 1, 0, VolumeInfo.of("blank", "test", "test"), List.of());
    }

    private static PixelReader snapshot() {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null))).getPixelReader();
    }

    /** The box's outline in a view, in scene pixels: its voxels' outer faces, half a voxel beyond the centres. */
    private static double[] rectOnScreen(SliceView view) {
        double[] r = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int c = 0; c < 8; c++) {
            double[] lps = {(c & 1) == 0 ? MIN[0] - 0.5 : MAX[0] - 0.5, (c & 2) == 0 ? MIN[1] - 0.5 : MAX[1] - 0.5,
                (c & 4) == 0 ? MIN[2] - 0.5 : MAX[2] - 0.5}; // identity affine: voxel coordinates are LPS millimetres
            double[] s = view.transform().toScreen(lps);
            Point2D p = view.localToScene(s[0], s[1]);
            r[0] = Math.min(r[0], p.getX());
            r[1] = Math.min(r[1], p.getY());
            r[2] = Math.max(r[2], p.getX());
            r[3] = Math.max(r[3], p.getY());
        }
        return r;
    }

    private static boolean regionColour(Color c) {
        Color region = Color.web(KNEE.region("femur-medial-central").orElseThrow().colour());
        return Math.abs(c.getRed() - region.getRed()) < 0.2 && Math.abs(c.getGreen() - region.getGreen()) < 0.2
                && Math.abs(c.getBlue() - region.getBlue()) < 0.2;
    }

    /** Any pixel within one of (x, y) in the region's colour: a line falls between pixels. */
    private static boolean regionColourNear(PixelReader pixels, double x, double y) {
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                if (regionColour(pixels.getColor((int) Math.round(x) + dx, (int) Math.round(y) + dy))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theOutlineLiesOnTheBoxsFacesInEveryViewAndNowhereInside() {
        PixelReader pixels = snapshot();
        for (SliceView view : viewer.views()) {
            double[] r = rectOnScreen(view);
            double midX = (r[0] + r[2]) / 2;
            double midY = (r[1] + r[3]) / 2;
            // A quarter of the way along each edge: clear of the handles, on the line.
            assertTrue(regionColourNear(pixels, r[0], r[1] + (r[3] - r[1]) / 4), view.plane() + " left edge at x " + r[0]);
            assertTrue(regionColourNear(pixels, r[2], r[1] + (r[3] - r[1]) / 4), view.plane() + " right edge at x " + r[2]);
            assertTrue(regionColourNear(pixels, r[0] + (r[2] - r[0]) / 4, r[1]), view.plane() + " top edge at y " + r[1]);
            assertTrue(regionColourNear(pixels, r[0] + (r[2] - r[0]) / 4, r[3]), view.plane() + " bottom edge at y " + r[3]);
            assertTrue(!regionColourNear(pixels, (r[0] + midX) / 2, (r[1] + midY) / 2), view.plane() + ": hollow inside");
            assertTrue(!regionColourNear(pixels, r[0] - 8, midY), view.plane() + ": nothing just outside");
        }
    }

    /** One of the two-by-two pixels from (x, y) on in the region's colour: a filled handle, not a passing line. */
    private static boolean filled(PixelReader pixels, double[] at) {
        for (int dx = 0; dx <= 1; dx++) {
            for (int dy = 0; dy <= 1; dy++) {
                if (regionColour(pixels.getColor((int) Math.floor(at[0]) + dx, (int) Math.floor(at[1]) + dy))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theSelectedBoxShowsItsHandlesAtCornersAndEdgeMiddles() {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> tools.selectedProperty().set(null)));
        PixelReader unselected = snapshot();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> tools.selectedProperty().set("b")));
        PixelReader selected = snapshot();
        for (SliceView view : viewer.views()) {
            double[] r = rectOnScreen(view);
            // Two pixels in from a corner (or below the top edge's middle): inside the 7-pixel handle, whose black rim
            // is 3.5 pixels out, and off the outline.
            double[][] handles = {{r[0] + 1.5, r[1] + 1.5}, {r[2] - 2.5, r[3] - 2.5}, {(r[0] + r[2]) / 2 - 0.5, r[1] + 1.5}};
            for (double[] h : handles) {
                assertTrue(filled(selected, h), view.plane() + ": a handle at " + h[0] + ", " + h[1]);
                assertTrue(!filled(unselected, h), view.plane() + ": no handle when the box is not selected");
            }
        }
    }
}
