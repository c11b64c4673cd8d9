package org.groundwork.app.ui;

import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Messages that need no answer: shown in a corner of the window for a few seconds, never blocking it. */
final class Notify {
    private static final Duration SHOWN_FOR = Duration.seconds(8);

    private Notify() {
    }

    static void info(Window owner, String title, String text) {
        Notifications.create().owner(owner).title(title).text(text).hideAfter(SHOWN_FOR)
                .darkStyle().showInformation(); // dark, as the rest of the window
    }

    /** Something went wrong that the user must know, though nothing waits for an answer. */
    static void warning(Window owner, String title, String text) {
        Notifications.create().owner(owner).title(title).text(text).hideAfter(SHOWN_FOR).darkStyle().showWarning();
    }
}
