package org.groundwork.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Debian oracle tools (gdcmconv, dcm2niix, Debian's python3 with pydicom and nibabel). */
final class ExternalTools {
    /** Debian's interpreter, which has python3-pydicom and python3-nibabel; not a pyenv one on PATH. */
    static final String PYTHON = "/usr/bin/python3";

    private ExternalTools() {
    }

    /** Runs a command, fails the test with its output unless it exits 0, and returns its stdout. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    static String python(String script, Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script(script).toString()));
        for (Object a : args) {
            command.add(a.toString());
        }
        return run(command);
    }

    /** A script from src/test/resources/conformance. */
    static Path script(String name) {
        try {
            return Path.of(ExternalTools.class.getResource("/conformance/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
