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
        assertTrue(status.describe().contains("device: CPU: "), status.describe());
    }

    @Test
    void theDeviceIsExplained() {
        String bundled = EngineStatus.explainDevice("cpu()", 0, java.util.Map.of());
        assertTrue(bundled.startsWith("CPU: the bundled PyTorch is a CPU build") && bundled.contains("PYTORCH_LIBRARY_PATH")
                && bundled.contains("PYTORCH_VERSION=2.7.1") && bundled.contains("PYTORCH_FLAVOR"), bundled);
        String noGpu = EngineStatus.explainDevice("cpu()", 0, java.util.Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib"));
        assertTrue(noGpu.contains("is set to /opt/libtorch/lib, but PyTorch finds no GPU there"), noGpu);
        assertEquals("GPU (2 found), with the local libtorch in /opt/libtorch/lib",
                EngineStatus.explainDevice("gpu(0)", 2, java.util.Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib")));
    }
}
