package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.groundwork.app.AppVersion;
import org.junit.jupiter.api.Test;

class GroundworkCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GroundworkCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("--version"));
        assertTrue(AppVersion.get().matches("\\d+\\.\\d+\\.\\d+.*"), AppVersion.get());
        assertTrue(out.toString().contains("Groundwork " + AppVersion.get()), out.toString());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: groundwork"), out.toString());
        assertTrue(out.toString().contains("Commands:"), out.toString());
    }

    @Test
    void openIsParsedByItsOwnCommandAndStillListedAndExplained() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().lines().anyMatch(l -> l.trim().startsWith("open ")), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("open", "--help"));
        assertTrue(out.toString().startsWith("Usage: groundwork open [-hV] [--screenshot=PNG] PATH..."), out.toString());
        assertEquals(GroundworkCommand.EXIT_BAD_INPUT, run("open"));
        assertTrue(err.toString().contains("Missing required parameter: 'PATH'"), err.toString());
        assertTrue(err.toString().contains("Usage: groundwork open"), err.toString());
    }

    @Test
    void unknownCommandIsAUsageErrorWithStatusTwo() {
        assertEquals(GroundworkCommand.EXIT_BAD_INPUT, run("frobnicate"));
        assertTrue(err.toString().contains("frobnicate"), err.toString());
    }
}
