package org.groundwork.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Writes what a user would see to {@code target/screenshots/NAME.png} so it can be looked at. */
public final class Screenshots {
    private Screenshots() {
    }

    /** Pixels of exactly this colour (CSS form, "#19b2b3") in what the node shows. */
    public static int pixels(javafx.scene.Node node, String colour) {
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)));
        javafx.scene.paint.Color wanted = javafx.scene.paint.Color.web(colour);
        int count = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                if (image.getPixelReader().getColor(x, y).equals(wanted)) {
                    count++;
                }
            }
        }
        return count;
    }

    public static Path write(Scene scene, String name) {
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)));
        Path file = Paths.get("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The window with the popups it owns (callouts, menus) drawn where they are on screen, into
     * {@code file}: a scene snapshot alone leaves popups out.
     */
    public static Path writeWindow(javafx.stage.Window window, Path file) {
        java.awt.image.BufferedImage picture = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            Scene scene = window.getScene();
            java.awt.image.BufferedImage base = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
            java.awt.Graphics2D g = base.createGraphics();
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w instanceof javafx.stage.PopupWindow popup && popup.isShowing() && popup.getOwnerWindow() == window) {
                    javafx.scene.SnapshotParameters clear = new javafx.scene.SnapshotParameters();
                    clear.setFill(javafx.scene.paint.Color.TRANSPARENT); // a popup's scene is larger than what it draws
                    java.awt.image.BufferedImage part = SwingFXUtils.fromFXImage(popup.getScene().getRoot().snapshot(clear, null), null);
                    g.drawImage(part, (int) Math.round(popup.getX() - window.getX() - scene.getX()),
                            (int) Math.round(popup.getY() - window.getY() - scene.getY()), null);
                }
            }
            g.dispose();
            return base;
        }));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(picture, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

}
