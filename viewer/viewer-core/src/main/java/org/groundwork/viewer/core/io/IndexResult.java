package org.groundwork.viewer.core.io;

import java.util.List;
import org.groundwork.viewer.core.ScanResult.Failure;

/** The series found by a header-only scan, and every file that could not be used, with the reason. */
public record IndexResult(List<SeriesSummary> series, List<Failure> failures, List<Failure> skipped) {
    public IndexResult {
        series = List.copyOf(series);
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }
}
