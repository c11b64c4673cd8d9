package org.groundwork.viewer.core.io;

import java.util.ArrayList;
import java.util.List;
import org.groundwork.viewer.core.FileOutcome;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.ScanResult.Failure;

/** The series found by a header-only scan, and every file that could not be used, with the reason. */
public record IndexResult(List<SeriesSummary> series, List<Failure> failures, List<Failure> skipped) {
    public IndexResult {
        series = List.copyOf(series);
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }

    /** Every file met, once, with its outcome; a read file names its series. */
    public List<FileOutcome> report() {
        List<FileOutcome> all = new ArrayList<>();
        for (SeriesSummary s : series) {
            String detail = s.format() + " series" + (s.description().isBlank() ? "" : " \"" + s.description().trim() + "\"");
            s.files().forEach(f -> all.add(new FileOutcome(f, FileOutcome.Kind.READ, detail)));
        }
        return ScanResult.report(all, failures, skipped);
    }
}
