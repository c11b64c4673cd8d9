package org.groundwork.viewer.core.io;

import java.nio.file.Path;
import java.util.List;

/**
 * What a project needs to know about a volume without loading it: where its files are, who and
 * what it is, its size, and a content key that identifies it even after its files have moved.
 *
 * @param contentKey hex digest of the series' identity (DICOM: series and instance UIDs; NIfTI:
 *     header bytes and file size)
 * @param slices number of slices (DICOM: frames found; repeated positions are counted)
 */
public record SeriesSummary(List<Path> files, String format, String patientId, String studyUid, String seriesUid,
                            String description, String modality, int columns, int rows, int slices,
                            String contentKey) {
    public SeriesSummary {
        files = List.copyOf(files);
    }
}
