package org.groundwork.dataset.importer;

import java.util.List;

/** What a dataset file held: the readings it gives, and every record left out with the reason. */
public record DatasetReadResult(List<ImportedReading> readings, List<Skipped> skipped) {
    /** A record (or part of one) that could not be used; {@code where} names the file and record. */
    public record Skipped(String where, String reason) {
    }

    public DatasetReadResult {
        readings = List.copyOf(readings);
        skipped = List.copyOf(skipped);
    }
}
