package org.groundwork.dataset.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote and what it left out.
 *
 * @param problems every case left out or exported incomplete, with the reason
 * @param timings for benchmarks
 */
public record ExportReport(Path target, int cases, int patients, int records, int files, List<Problem> problems,
                           Timings timings) {
    /** Where the time went: converting volumes (with masks and slices), and writing everything else. */
    public record Timings(long volumesMillis, long recordsMillis) {
    }

    public ExportReport {
        problems = List.copyOf(problems);
    }

    /** Something found while validating a case; {@code excluded} when the case was left out for it. */
    public record Problem(long caseId, String message, boolean excluded) {
        @Override
        public String toString() {
            return "case " + caseId + ": " + message + (excluded ? " (left out)" : "");
        }
    }
}
