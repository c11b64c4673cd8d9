package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.WindowLevel;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.groundwork.viewer.fx.MprViewer;
import org.groundwork.viewer.fx.SliceView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Opening a series and reading it: scrolling, windowing, the linked crosshair, layouts. */
@Tag("fx")
class ViewerWindowTest extends WorkstationTest {
    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start();
        SyntheticSeries.write(tmp.resolve("series"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.7", 48, 40, 24,
                new double[] {-20, -30, 40}, SyntheticSeries.SAGITTAL, new double[] {0.8, 0.8, 1.5});
        RunningApp.await(RunningApp.onFx(() -> app.mainWindow().imageActions().open(List.of(tmp.resolve("series")))));
    }

    private MprViewer viewer() {
        return app.mainWindow().viewer();
    }

    @Test
    void theSeriesOpensInThreeLinkedPlanesWithTheFilesWindow() throws Exception {
        assertTrue(viewer().isVisible());
        assertEquals(new WindowLevel(500, 2000), viewer().windowProperty().get());
        for (SliceView v : viewer().views()) {
            assertTrue(v.geometry() != null, v.getId());
        }
        assertEquals(Plane.SAGITTAL, viewer().singlePlaneProperty().get(), "single view starts in the acquisition plane");
        Screenshots.write(app.mainWindow().stage().getScene(), "viewer-mpr");
    }

    @Test
    void wheelAndKeysScrollAndStopAtTheEnds() {
        SliceView axial = viewer().view(Plane.AXIAL);
        int before = axial.sliceProperty().get();
        robot.moveTo(axial).scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        int moved = axial.sliceProperty().get() - before;
        assertEquals(3, Math.abs(moved), "one slice per wheel notch");
        robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, axial.sliceProperty().get(), "the other way brings it back");
        robot.clickOn(axial, MouseButton.SECONDARY);
        robot.push(KeyCode.END);
        assertEquals(axial.geometry().slices() - 1, axial.sliceProperty().get());
        robot.push(KeyCode.PAGE_UP);
        assertEquals(axial.geometry().slices() - 1, axial.sliceProperty().get(), "no scrolling past the last slice");
        robot.push(KeyCode.HOME);
        assertEquals(0, axial.sliceProperty().get());
    }

    @Test
    void rightDragWindowsAllViewsTogether() {
        SliceView coronal = viewer().view(Plane.CORONAL);
        WindowLevel before = viewer().windowProperty().get();
        robot.drag(coronal, MouseButton.SECONDARY).moveBy(40, 20).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        WindowLevel after = coronal.windowProperty().get();
        assertTrue(after.width() > before.width(), "dragging right widens the window");
        assertTrue(after.center() > before.center(), "dragging down raises the level");
        assertEquals(after, viewer().view(Plane.SAGITTAL).windowProperty().get());
    }

    @Test
    void clickingInOneViewMovesTheOthersToThatPoint() {
        SliceView axial = viewer().view(Plane.AXIAL);
        SliceView coronal = viewer().view(Plane.CORONAL);
        SliceView sagittal = viewer().view(Plane.SAGITTAL);
        Bounds b = axial.localToScreen(axial.getBoundsInLocal());
        robot.clickOn(b.getMinX() + b.getWidth() * 0.3, b.getMinY() + b.getHeight() * 0.5);
        WaitForAsyncUtils.waitForFxEvents();
        double[] point = viewer().crosshairProperty().get();
        assertEquals(coronal.geometry().sliceOf(point), coronal.sliceProperty().get());
        assertEquals(sagittal.geometry().sliceOf(point), sagittal.sliceProperty().get());
        double[] onSagittal = sagittal.transform().toPatient(sagittal.transform().toScreen(point)[0],
                sagittal.transform().toScreen(point)[1]);
        assertEquals(point[1], onSagittal[1], 1e-6, "the point is where the crosshair is drawn in the other view");
        assertEquals(point[2], onSagittal[2], 1e-6);
    }

    @Test
    void toolsReceiveMouseEventsInVoxelCoordinatesAndCanTakeOverTheMouse() {
        SliceView axial = viewer().view(Plane.AXIAL);
        java.util.List<double[]> voxels = new java.util.ArrayList<>();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> axial.addVoxelMouseHandler(e -> {
            if (e.source().getEventType() == javafx.scene.input.MouseEvent.MOUSE_PRESSED) {
                voxels.add(e.voxel());
                e.consume(); // a tool took the click: no crosshair move
            }
        })));
        double[] before = viewer().crosshairProperty().get();
        Bounds b = axial.localToScreen(axial.getBoundsInLocal());
        double x = b.getMinX() + b.getWidth() * 0.4;
        double y = b.getMinY() + b.getHeight() * 0.6;
        robot.clickOn(x, y);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, voxels.size());
        // The voxel under the pointer: where the view maps that pixel in the patient, in the volume's voxels.
        javafx.geometry.Point2D local = axial.screenToLocal(x, y);
        double[] patient = axial.transform().toPatient(local.getX(), local.getY());
        double[] expected = viewer().volumeProperty().get().voxelToLps().inverse().apply(patient[0], patient[1], patient[2]);
        // The robot moves to whole screen pixels: within one pixel of where it was asked to click.
        double onePixel = axial.geometry().pixelMm() / 0.8;
        assertArrayEquals(expected, voxels.get(0), onePixel, "pixel " + onePixel + " voxels");
        assertEquals(axial.sliceProperty().get(), axial.geometry().sliceOf(patient), "on the slice shown");
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(viewer().crosshairProperty().get()));
    }

    @Test
    void neurologicalConventionIsAMenuChoiceThatMirrorsTheLetters() {
        SliceView axial = viewer().view(Plane.AXIAL);
        assertEquals("R", axial.geometry().edgeLetters()[0]);
        robot.clickOn("View").clickOn("Neurological Convention (Patient's Left on Left)");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("L", axial.geometry().edgeLetters()[0]);
        assertTrue(WindowLayoutStore.forUser().neurological(), "kept for the next start");
    }

    @Test
    void aFolderWithSeveralSeriesOffersAPickerWithThumbnails() throws Exception {
        SyntheticSeries.write(tmp.resolve("two/a"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.8", 16, 12, 5,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        SyntheticSeries.write(tmp.resolve("two/b"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.9", 20, 10, 4,
                new double[] {0, 0, 0}, SyntheticSeries.CORONAL, new double[] {1, 1, 1});
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(
                () -> app.mainWindow().imageActions().open(List.of(tmp.resolve("two")))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#seriesPicker").tryQuery().isPresent());
        javafx.scene.Node picker = robot.lookup("#seriesPicker").query();
        // The list lays its cells out on the next pulses after the dialog shows.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.from(picker).lookup(".image-view").queryAll().size() == 2);
        assertEquals(2, robot.from(picker).lookup(".image-view").queryAll().size(), "one thumbnail per series");
        Screenshots.write(picker.getScene(), "series-picker");
        robot.clickOn(robot.from(picker).lookup(".list-cell").nth(1).queryAs(javafx.scene.Node.class));
        robot.clickOn("Open");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(20, viewer().volumeProperty().get().nx(), "the second series is shown");
    }

    @Test
    void aNiftiVolumeOpensInPatientOrientationWithCtPresets() throws Exception {
        // An axial CT-like volume written as NIfTI (RAS on disk): -1000 air around a 400 HU block.
        int n = 32;
        var data = (org.groundwork.viewer.core.VoxelData.Int16) org.groundwork.viewer.core.VoxelData.allocate(
                org.groundwork.viewer.core.VoxelType.INT16, n * n * n);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    boolean inside = i > 8 && i < 24 && j > 8 && j < 24 && k > 8 && k < 24;
                    data.values()[i + n * (j + n * k)] = (short) (inside ? 400 : -1000);
                }
            }
        }
        var ct = new org.groundwork.viewer.core.Volume(n, n, n, data, org.groundwork.viewer.core.Affine.of(
                0.8, 0, 0, -12, 0, 0.8, 0, -12, 0, 0, 2.5, -40, 0, 0, 0, 1), 1, 0,
                org.groundwork.viewer.core.VolumeInfo.of("ct", "test", "test"), List.of());
        Path file = tmp.resolve("ct.nii.gz");
        org.groundwork.viewer.core.nifti.NiftiWriter.write(ct, file);
        RunningApp.await(RunningApp.onFx(() -> app.mainWindow().imageActions().open(List.of(file))));
        SliceView coronal = viewer().view(Plane.CORONAL);
        assertArrayEquals(new String[] {"R", "L", "S", "I"}, coronal.geometry().edgeLetters());
        assertEquals(0.8, coronal.geometry().pixelMm(), 1e-6, "square pixels of the finest spacing");
        assertEquals(98, coronal.geometry().height(), "32 slices 2.5 mm apart span 77.5 mm: 98 pixels of 0.8 mm");
        robot.push(KeyCode.F6); // CT bone
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new WindowLevel(400, 1800), viewer().windowProperty().get());
    }

    @Test
    void layoutsSwitchFromTheKeyboard() throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, viewer().getChildren().size());
        Screenshots.write(app.mainWindow().stage().getScene(), "viewer-single");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, viewer().getChildren().size());
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, viewer().getChildren().size());
        var volumeView = viewer().volumeView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> volumeView.getChildrenUnmodifiable().stream()
                .anyMatch(n -> n instanceof javafx.scene.image.ImageView iv && iv.getImage() != null));
        var before = volumeView.cameraProperty().get();
        robot.drag(volumeView, MouseButton.PRIMARY).moveBy(60, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(before.azimuthDegrees(), volumeView.cameraProperty().get().azimuthDegrees(), "dragging rotates");
        Thread.sleep(500); // let the full-resolution frame arrive after the drag
        WaitForAsyncUtils.waitForFxEvents();
        var v = viewer().volumeProperty().get();
        var box = org.groundwork.viewer.fx.BoxOutline.ofVoxels(v.voxelToLps(), new int[] {10, 10, 5},
                new int[] {30, 25, 15}, javafx.scene.paint.Color.MAGENTA, "femur");
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> volumeView.boxes().add(box)));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage shot = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(
                () -> volumeView.snapshot(null, null)));
        var renderer = volumeView.sourceProperty().get();
        double[] corner = renderer.project(volumeView.cameraProperty().get(), (int) volumeView.getWidth(),
                (int) volumeView.getHeight(), box.corners()[0]);
        boolean magenta = false;
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                javafx.scene.paint.Color c = shot.getPixelReader().getColor((int) corner[0] + dx, (int) corner[1] + dy);
                magenta |= c.getRed() > 0.6 && c.getBlue() > 0.6 && c.getGreen() < 0.4;
            }
        }
        assertTrue(magenta, "the box outline is drawn at its projected corner");
        Screenshots.write(app.mainWindow().stage().getScene(), "viewer-2x2-3d");
    }
}
