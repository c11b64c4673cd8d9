package org.groundwork.viewer.core;

import java.nio.file.Path;
import java.util.List;

/**
 * What a scan of files or folders found: the volumes that could be read, and every file that could
 * not, with the reason. Nothing is dropped silently.
 *
 * @param skipped files that were recognised and deliberately not loaded (DICOMDIR indexes, reports)
 */
public record ScanResult(List<Volume> volumes, List<Failure> failures, List<Failure> skipped) {
    /** A file that could not be used, and why. */
    public record Failure(Path file, String reason) {
        public static Failure of(BadInputException e) {
            return new Failure(e.file(), e.reason());
        }
    }

    public ScanResult {
        volumes = List.copyOf(volumes);
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }
}
