package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A test of the command line: runs a command as a user would, with what it printed kept for that run alone. */
abstract class CommandLineTest {
    /** What the last command printed to standard output. */
    protected StringWriter out = new StringWriter();
    /** What the last command printed to standard error. */
    protected StringWriter err = new StringWriter();

    /** Runs {@code groundwork args...}; returns its exit status. */
    protected int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return GroundworkCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    }
}
