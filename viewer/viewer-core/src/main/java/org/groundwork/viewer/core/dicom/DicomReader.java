package org.groundwork.viewer.core.dicom;

import java.nio.file.Path;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.dicom.internal.BuiltInDicomReader;

/**
 * Reads DICOM Part 10 files. This is the seam where a reader backed by another toolkit (dcm4che)
 * could replace Groundwork's own; everything above it (series assembly, volumes) stays the same.
 */
public interface DicomReader {
    /** Reads the attributes of a file; its pixels are decoded later, frame by frame. */
    DicomInstance read(Path file) throws BadInputException;

    /** Groundwork's own reader. */
    static DicomReader builtIn() {
        return new BuiltInDicomReader();
    }
}
