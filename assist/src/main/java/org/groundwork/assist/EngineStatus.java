package org.groundwork.assist;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether the model engine (DJL with the bundled PyTorch CPU library) starts on this machine, and
 * from where it loaded its native library. Never downloads: {@code ai.djl.offline} is forced on.
 *
 * @param nativeLibrary the libtorch file in DJL's cache, extracted from the bundled jar
 * @param problem why the engine is unavailable, in words a user can act on; null when available
 * @param deviceReason why this device was chosen: which GPU, or why none was used
 */
public record EngineStatus(boolean available, String engine, String version, String device, String nativeLibrary,
                           String problem, String deviceReason) {
    /** Where DJL loads a locally installed libtorch from instead of the bundled CPU build. */
    static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";


    public static EngineStatus check() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        try {
            Engine engine = Engine.getEngine("PyTorch");
            try (NDManager manager = engine.newBaseManager()) {
                NDArray sum = manager.create(new float[] {1, 2, 3}).sum();
                if (sum.getFloat() != 6f) {
                    return unavailable("PyTorch computed 1 + 2 + 3 = " + sum.getFloat());
                }
            }
            String device = engine.defaultDevice().toString();
            String library = System.getenv(LIBRARY_PATH) != null ? System.getenv(LIBRARY_PATH)
                    : findNativeLibrary().orElse("(not found in " + cacheDir() + ")");
            return new EngineStatus(true, engine.getEngineName(), engine.getVersion(), device, library, null,
                    explainDevice(device, engine.getGpuCount(), System.getenv()));
        } catch (RuntimeException | UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            return unavailable("the PyTorch engine could not start (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"
                    + (System.getenv(LIBRARY_PATH) == null ? "" : "; " + LIBRARY_PATH + " is set to "
                    + System.getenv(LIBRARY_PATH) + ": check that it holds libtorch " + BUNDLED_VERSION
                    + " and that PYTORCH_VERSION and PYTORCH_FLAVOR match it"));
        }
    }

    /** The PyTorch version bundled and expected of a local libtorch. */
    static final String BUNDLED_VERSION = "2.7.1";

    /** Why {@code device} is used, in words a user can act on. */
    static String explainDevice(String device, int gpus, java.util.Map<String, String> environment) {
        String local = environment.get(LIBRARY_PATH);
        if (device.startsWith("gpu")) {
            return "GPU (" + gpus + " found), with the local libtorch in " + local;
        }
        if (local == null || local.isBlank()) {
            return "CPU: the bundled PyTorch is a CPU build. To use an NVIDIA GPU, install the CUDA build of libtorch "
                    + BUNDLED_VERSION + " and set " + LIBRARY_PATH + " to its lib folder, PYTORCH_VERSION="
                    + BUNDLED_VERSION + " and PYTORCH_FLAVOR to its CUDA flavour (e.g. cu128)";
        }
        return "CPU: " + LIBRARY_PATH + " is set to " + local + ", but PyTorch finds no GPU there (a CPU build of "
                + "libtorch, or no NVIDIA driver or device on this machine)";
    }

    /** Engine, version, device and why, and the native library: for doctor and Assist → Diagnostics. */
    public String describe() {
        if (!available) {
            return "Model engine: unavailable\n  " + problem;
        }
        return "Model engine: " + engine + " " + version + " on " + device + "\n  device: " + deviceReason
                + "\n  native library: " + nativeLibrary + "\n  offline: ai.djl.offline=" + System.getProperty("ai.djl.offline");
    }

    private static EngineStatus unavailable(String problem) {
        return new EngineStatus(false, "PyTorch", "", "", "", problem, "");
    }

    private static Path cacheDir() {
        return Utils.getEngineCacheDir("pytorch");
    }

    private static Optional<String> findNativeLibrary() {
        try (Stream<Path> files = Files.walk(cacheDir(), 3)) {
            return files.filter(p -> p.getFileName().toString().matches("(lib)?torch_cpu\\..*"))
                    .map(Path::toString).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
