package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
    @Test
    void doctorReportsJavaJavafxTheOfflineEngineAndSqlite() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = GroundworkCommand.execute(new PrintWriter(out), new PrintWriter(err), "doctor");
        assertEquals(0, status, out + "\n" + err);
        String text = out.toString();
        assertTrue(text.contains("JavaFX:      21."), text);
        assertTrue(text.contains("Model engine: PyTorch 2.7.1 on cpu()"), text);
        assertTrue(text.contains("native library: "), text);
        assertTrue(text.contains("  device: CPU: the bundled PyTorch is a CPU build"), text);
        assertTrue(text.contains("ai.djl.offline=true"), text);
        assertTrue(text.contains("SQLite:      3."), text);
    }
}
