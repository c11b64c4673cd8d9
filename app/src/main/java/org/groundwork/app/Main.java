package org.groundwork.app;

import org.groundwork.app.cli.GroundworkCommand;

/**
 * Entry point. Without arguments it starts the workstation; with arguments it runs the command-line
 * interface. Kept apart from {@link GroundworkApp} so that JavaFX can start from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            int status = GroundworkApp.launch(new java.io.PrintWriter(System.err, true));
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        System.exit(GroundworkCommand.execute(args));
    }
}
