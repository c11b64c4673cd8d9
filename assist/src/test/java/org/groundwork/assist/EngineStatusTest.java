package org.groundwork.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled PyTorch CPU engine starts offline and computes. */
class EngineStatusTest {
    @TempDir
    Path cache;

    @Test
    void pytorchStartsFromTheBundledLibraryWithoutNetwork() {
        EngineStatus status = EngineStatus.check();
        assertTrue(status.available(), String.valueOf(status.problem()));
        assertEquals("PyTorch", status.engine());
        assertTrue(status.version().startsWith("2.7"), status.version());
        assertEquals("cpu()", status.device());
        assertTrue(Files.exists(Path.of(status.nativeLibrary())), status.nativeLibrary());
        assertTrue(status.describe().contains("device: CPU: "), status.describe());
    }

    /** Prints what a fresh process finds; run by the test below with an empty engine cache. */
    public static void main(String[] args) {
        EngineStatus status = EngineStatus.check();
        System.out.println(status.available() + "\n" + status.nativeLibrary() + "\n" + status.problem());
    }

    @Test
    void onAMachineThatNeverRanItTheEngineComesFromTheBundledJarIntoAnEmptyCache() throws Exception {
        // A new process with empty DJL caches, as on a fresh install without network: nothing can be downloaded,
        // so the engine must be unpacked from the bundled native jar, and must still compute.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DDJL_CACHE_DIR=" + cache.resolve("djl"), "-DENGINE_CACHE_DIR=" + cache.resolve("engines"),
                "-cp", System.getProperty("java.class.path"), EngineStatusTest.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        String[] lines = output.strip().lines().filter(l -> !l.startsWith("WARNING") && !l.contains("SLF4J")).toArray(String[]::new);
        assertEquals("true", lines[0], output);
        assertTrue(Path.of(lines[1]).startsWith(cache), "unpacked into the empty cache: " + output);
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
