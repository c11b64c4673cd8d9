import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The floor under Groundwork's start on a machine: a JavaFX window with a menu bar, a table and a
 * 384 x 384 image made in memory, and nothing else. Prints when it is shown and when the first
 * pulse after that has laid it out, in milliseconds since the JVM started, then quits.
 */
public class BareWindow extends Application {
    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void start(Stage stage) {
        WritableImage image = new WritableImage(384, 384);
        for (int y = 0; y < 384; y++) {
            for (int x = 0; x < 384; x++) {
                int grey = (x ^ y) & 0xFF;
                image.getPixelWriter().setArgb(x, y, 0xFF000000 | grey << 16 | grey << 8 | grey);
            }
        }
        BorderPane root = new BorderPane(new ImageView(image));
        root.setTop(new MenuBar(new Menu("File"), new Menu("View")));
        root.setLeft(new TableView<String>());
        Scene scene = new Scene(root, 1500, 600);
        stage.setScene(scene);
        stage.show();
        System.out.println("window shown " + sinceStart() + " ms after the JVM started");
        scene.addPostLayoutPulseListener(() -> {
            System.out.println("first image on screen " + sinceStart() + " ms after the JVM started");
            Platform.exit();
        });
    }

    /** Started through a plain main class, so that JavaFX runs from the class path as Groundwork's does. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(BareWindow.class, args);
        }
    }
}
