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
 */
public record EngineStatus(boolean available, String engine, String version, String device, String nativeLibrary,
                           String problem) {

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
            return new EngineStatus(true, engine.getEngineName(), engine.getVersion(),
                    engine.defaultDevice().toString(), findNativeLibrary().orElse("(not found in " + cacheDir() + ")"), null);
        } catch (RuntimeException | UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            return unavailable("the PyTorch engine could not start (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static EngineStatus unavailable(String problem) {
        return new EngineStatus(false, "PyTorch", "", "", "", problem);
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
