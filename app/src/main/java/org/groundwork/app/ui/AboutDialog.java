package org.groundwork.app.ui;

import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.groundwork.app.AppVersion;

/** Help → About: name, version and runtime, so a support request can quote them. */
final class AboutDialog {
    private AboutDialog() {
    }

    static String text() {
        return "Groundwork " + AppVersion.get() + "\n"
                + "Build grounded-reasoning datasets from medical images.\n\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "unknown") + "\n"
                + "Not for primary diagnosis.";
    }

    static void show(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text());
        alert.initOwner(owner);
        alert.setTitle("About Groundwork");
        alert.setHeaderText("Groundwork " + AppVersion.get());
        alert.getDialogPane().setId("aboutDialog");
        alert.show();
    }
}
