package org.groundwork.app.cli;

import java.io.PrintWriter;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.ScanResult;

/** How every command reports bad input: {@code error: <path>: <reason>}, exit status 2. */
final class BadInputReporting {
    private BadInputReporting() {
    }

    static int report(PrintWriter err, BadInputException e) {
        err.println("error: " + e.getMessage());
        return GroundworkCommand.EXIT_BAD_INPUT;
    }

    static void listFailures(PrintWriter err, ScanResult result) {
        for (ScanResult.Failure f : result.failures()) {
            err.println("error: " + f.file() + ": " + f.reason());
        }
    }
}
