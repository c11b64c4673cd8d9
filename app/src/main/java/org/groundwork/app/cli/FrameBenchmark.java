package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.groundwork.app.DesktopCheck;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.groundwork.viewer.fx.MprViewer;
import org.groundwork.viewer.fx.SliceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code groundwork bench frames}: from an input event to the frame that shows its result, in the
 * three-plane layout. Each event is dispatched to a view as the mouse would deliver it; the time
 * ends at the first pulse after which no view has a render outstanding (the pulse that syncs the
 * new images for painting). Events come one at a time at a random phase of the 60 Hz pulse, as a
 * hand's do.
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = "Input event to frame on screen for wheel scrolling, window/level drag and crosshair drag in the "
                + "three-plane layout (needs a display: run under xvfb-run on a server).")
final class FrameBenchmark implements Callable<Integer> {
    private static final long TIMEOUT_MS = 2000;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PATH",
            description = "a series or NIfTI file; without it, a 384 x 384 x 160 sagittal MR made in memory")
    private Path path;

    @Option(names = "--events", defaultValue = "300", description = "events per gesture (default ${DEFAULT-VALUE})")
    private int events;

    @Option(names = "--size", defaultValue = "1500,600", description = "window size (default ${DEFAULT-VALUE})")
    private String size;

    private final Random phase = new Random(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var problem = DesktopCheck.forThisMachine().problem();
        if (problem.isPresent()) {
            err.println("error: " + problem.get());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        Volume volume = path == null ? syntheticKnee() : load(err);
        if (volume == null) {
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        startFx();
        String[] wh = size.split(",");
        MprViewer viewer = onFx(() -> {
            MprViewer v = new MprViewer();
            Stage stage = new Stage();
            stage.setScene(new Scene(v, Double.parseDouble(wh[0].trim()), Double.parseDouble(wh[1].trim())));
            stage.setTitle("Groundwork frame benchmark");
            stage.show();
            v.show(volume);
            return v;
        });
        Scene scene = onFx(viewer::getScene);
        waitUntilIdle(viewer);
        out.printf(Locale.ROOT, "volume %d x %d x %d %s; window %s; %d events per gesture%n", volume.nx(), volume.ny(),
                volume.nz(), volume.data().type(), size, events);
        SliceView axial = viewer.views().get(0);
        double cx = onFx(() -> axial.getWidth() / 2), cy = onFx(() -> axial.getHeight() / 2);
        int slices = onFx(() -> (int) (axial.getHeight() / 4));
        report(out, "wheel scrolling, axial view", measure(scene, viewer, axial,
                n -> scroll(cx, cy, (n / slices) % 2 == 0 ? -40 : 40)));
        onFx(() -> fire(axial, mouse(MouseEvent.MOUSE_PRESSED, MouseButton.SECONDARY, cx, cy)));
        report(out, "window/level drag (three views redrawn)", measure(scene, viewer, axial,
                n -> mouse(MouseEvent.MOUSE_DRAGGED, MouseButton.SECONDARY, cx + 3 * (n % 40 < 20 ? n % 20 : 20 - n % 20),
                        cy + 2 * (n % 30 < 15 ? n % 15 : 15 - n % 15))));
        onFx(() -> fire(axial, mouse(MouseEvent.MOUSE_RELEASED, MouseButton.SECONDARY, cx, cy)));
        onFx(() -> fire(axial, mouse(MouseEvent.MOUSE_PRESSED, MouseButton.PRIMARY, cx, cy)));
        report(out, "crosshair drag on the axial view (coronal and sagittal follow)", measure(scene, viewer, axial,
                n -> mouse(MouseEvent.MOUSE_DRAGGED, MouseButton.PRIMARY, cx + 0.4 * cx * Math.cos(n * 0.05),
                        cy + 0.4 * cy * Math.sin(n * 0.07))));
        onFx(() -> fire(axial, mouse(MouseEvent.MOUSE_RELEASED, MouseButton.PRIMARY, cx, cy)));
        onFx(() -> {
            ((Stage) scene.getWindow()).close();
            return null;
        });
        out.flush();
        return 0;
    }

    /**
     * Milliseconds from each event to its frames being ready (every view's new image published to
     * the scene), and to the pulse that shows them; each sorted.
     */
    private double[][] measure(Scene scene, MprViewer viewer, SliceView target, IntFunction<Event> event)
            throws InterruptedException {
        double[] ms = new double[events];
        double[] readyMs = new double[events];
        int warmUp = Math.min(50, events);
        for (int n = -warmUp; n < events; n++) {
            TimeUnit.MICROSECONDS.sleep(phase.nextInt(16_667)); // a random phase of the pulse
            CountDownLatch shown = new CountDownLatch(1);
            long[] start = {0};
            long[] ready = {0};
            long[] end = {0};
            javafx.beans.value.ChangeListener<Number> published = (obs, was, now) -> {
                if (ready[0] == 0 && viewer.views().stream().noneMatch(SliceView::framePending)) {
                    ready[0] = System.nanoTime();
                }
            };
            Runnable[] listener = {null};
            listener[0] = () -> {
                if (viewer.views().stream().noneMatch(SliceView::framePending)) {
                    end[0] = System.nanoTime();
                    if (ready[0] == 0) {
                        ready[0] = end[0]; // nothing to render: ready when the pulse came
                    }
                    scene.removePostLayoutPulseListener(listener[0]);
                    viewer.views().forEach(v -> v.framesShownProperty().removeListener(published));
                    shown.countDown();
                }
            };
            int index = n;
            Platform.runLater(() -> {
                Event e = event.apply(index);
                viewer.views().forEach(v -> v.framesShownProperty().addListener(published));
                start[0] = System.nanoTime();
                fire(target, e);
                scene.addPostLayoutPulseListener(listener[0]);
                Platform.requestNextPulse();
            });
            if (!shown.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no frame within " + TIMEOUT_MS + " ms of event " + n);
            }
            if (n >= 0) {
                ms[n] = (end[0] - start[0]) / 1e6;
                readyMs[n] = (ready[0] - start[0]) / 1e6;
            }
        }
        java.util.Arrays.sort(ms);
        java.util.Arrays.sort(readyMs);
        return new double[][] {readyMs, ms};
    }

    private static void report(PrintWriter out, String gesture, double[][] ms) {
        out.printf(Locale.ROOT, "  %s%n    frames ready:        %s%n    shown at the pulse:  %s%n", gesture,
                percentiles(ms[0]), percentiles(ms[1]));
        out.flush();
    }

    private static String percentiles(double[] ms) {
        int within = 0;
        for (double m : ms) {
            within += m <= 16.0 ? 1 : 0;
        }
        return String.format(Locale.ROOT, "p50 %5.1f ms, p95 %5.1f ms, max %5.1f ms; %3.0f%% within 16 ms",
                ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1], ms[ms.length - 1], 100.0 * within / ms.length);
    }

    private static void fire(SliceView view, Event e) {
        javafx.event.Event.fireEvent(view, e);
    }

    private static ScrollEvent scroll(double x, double y, double deltaY) {
        return new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false, 0, deltaY, 0,
                deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, MouseButton button, double x, double y) {
        return new MouseEvent(type, x, y, x, y, button, 1, false, false, false, false, button == MouseButton.PRIMARY,
                false, button == MouseButton.SECONDARY, false, false, false, null);
    }

    private static void waitUntilIdle(MprViewer viewer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            boolean idle = onFx(() -> viewer.views().stream().allMatch(v -> v.framesShownProperty().get() > 0
                    && !v.framePending()));
            if (idle) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the first frames were not shown within 10 s");
    }

    private static void startFx() {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
            Platform.setImplicitExit(false);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T onFx(java.util.function.Supplier<T> work) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        List<T> result = new ArrayList<>(1);
        Platform.runLater(() -> {
            result.add(work.get());
            done.countDown();
        });
        done.await();
        return result.get(0);
    }

    private static void onFx(Runnable work) throws InterruptedException {
        onFx(() -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    private Volume load(PrintWriter err) {
        ScanResult result = new VolumeScanner().scan(List.of(path), LoadMonitor.NONE);
        if (result.volumes().isEmpty()) {
            BadInputReporting.listFailures(err, result);
            return null;
        }
        return result.volumes().get(0);
    }

    /** A sagittal 384 x 384 x 160 MR-like volume: smooth structure and noise, 0.4 x 0.4 x 0.7 mm. */
    private static Volume syntheticKnee() {
        int nx = 384, ny = 384, nz = 160;
        VoxelData.UInt16 data = (VoxelData.UInt16) VoxelData.allocate(VoxelType.UINT16, (long) nx * ny * nz);
        Random random = new Random(2);
        for (int k = 0, n = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, n++) {
                    double r = Math.hypot(i - nx / 2.0, j - ny / 2.0) + 20 * Math.sin(k * 0.05);
                    data.values()[n] = (short) (r < 150 ? 800 + 300 * Math.cos(r * 0.08) + random.nextInt(60) : random.nextInt(30));
                }
            }
        }
        // i → posterior, j → inferior, k → the patient's left: sagittal slices as knee MRI is acquired.
        Affine sagittal = Affine.of(0, 0, 0.7, -56, 0.4, 0, 0, -77, 0, -0.4, 0, 77, 0, 0, 0, 1);
        return new Volume(nx, ny, nz, data, sagittal, 1, 0, VolumeInfo.of("synthetic knee", "MR", "none"), List.of());
    }
}
