package org.groundwork.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.groundwork.app.ui.MainWindow;
import org.groundwork.viewer.fx.SliceView;

/**
 * For installation checks: once the opened image has been drawn, writes the window to a PNG and
 * quits with status 0 (1 when no image could be shown).
 */
final class FirstFrame {
    private FirstFrame() {
    }

    static void screenshotThenQuit(MainWindow window, Task<?> opening, Path png, IntConsumer exitStatus) {
        exitStatus.accept(1);
        reportFirstImage(window);
        // A small series may have loaded already: look at the state now, and at every change.
        opening.stateProperty().addListener((obs, old, state) -> whenDone(state, window, png, exitStatus));
        whenDone(opening.getState(), window, png, exitStatus);
    }

    private static void whenDone(javafx.concurrent.Worker.State state, MainWindow window, Path png, IntConsumer exitStatus) {
        if (state == javafx.concurrent.Worker.State.SUCCEEDED) {
            // The state changes before the task's own success handler puts the volume in the viewer.
            Platform.runLater(() -> {
                if (window.viewer().volumeProperty().get() == null) {
                    Platform.exit();
                    return;
                }
                SliceView view = window.viewer().views().get(0);
                if (view.framesShownProperty().get() > 0) {
                    write(window, png, exitStatus);
                } else {
                    view.framesShownProperty().addListener((o, a, b) -> Platform.runLater(() -> write(window, png, exitStatus)));
                }
            });
        } else if (state == javafx.concurrent.Worker.State.FAILED || state == javafx.concurrent.Worker.State.CANCELLED) {
            Platform.exit();
        }
    }

    /**
     * Prints when the first image reaches the screen: the first pulse after a view has been handed
     * its first frame, which is usually the middle slice while the rest of the series still decodes.
     */
    private static void reportFirstImage(MainWindow window) {
        SliceView view = window.viewer().views().get(0);
        view.framesShownProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                view.framesShownProperty().removeListener(this);
                javafx.scene.Scene scene = window.stage().getScene();
                Runnable[] atPulse = {null};
                atPulse[0] = () -> {
                    scene.removePostLayoutPulseListener(atPulse[0]);
                    System.err.println("first image on screen " + sinceLaunch() + " ms after the JVM started");
                };
                scene.addPostLayoutPulseListener(atPulse[0]);
            }
        });
    }

    /** Milliseconds since the JVM started. */
    static long sinceLaunch() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static boolean written;

    private static void write(MainWindow window, Path png, IntConsumer exitStatus) {
        if (written) {
            return; // several frames may arrive before the application has quit
        }
        written = true;
        System.err.println("series loaded and drawn " + sinceLaunch() + " ms after the JVM started");
        WritableImage shot = window.stage().getScene().snapshot(null);
        int w = (int) shot.getWidth(), h = (int) shot.getHeight();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[w * h];
        shot.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        image.setRGB(0, 0, w, h, argb, 0, w);
        try {
            ImageIO.write(image, "png", png.toFile());
            exitStatus.accept(0);
        } catch (IOException e) {
            System.err.println("error: " + png + ": cannot be written (" + e.getMessage() + ")");
        }
        Platform.exit();
    }
}
