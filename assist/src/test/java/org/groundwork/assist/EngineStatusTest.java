package org.groundwork.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled PyTorch CPU engine starts offline and computes. */
class EngineStatusTest {
    @Test
    void pytorchStartsFromTheBundledLibraryWithoutNetwork() {
        EngineStatus status = EngineStatus.check();
        assertTrue(status.available(), String.valueOf(status.problem()));
        assertEquals("PyTorch", status.engine());
        assertTrue(status.version().startsWith("2.7"), status.version());
        assertEquals("cpu()", status.device());
        assertTrue(Files.exists(Path.of(status.nativeLibrary())), status.nativeLibrary());
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }
}
