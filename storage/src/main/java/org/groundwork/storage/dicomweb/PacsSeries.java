package org.groundwork.storage.dicomweb;

/** A series of a study as a QIDO-RS search lists it. */
public record PacsSeries(String studyUid, String seriesUid, String modality, int number, String description,
                         int instances) {
}
