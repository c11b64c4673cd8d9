package org.groundwork.viewer.core.dicom.internal;

import java.util.List;
import org.groundwork.viewer.core.dicom.DicomObject;

/**
 * What the parser found in one file.
 *
 * @param transferSyntaxUid as declared, or as guessed for files without a meta header
 * @param meta the file meta information (group 0002), possibly empty
 * @param dataset the main data set, up to the pixel data
 * @param pixels where the pixel data lies, or null if the file has none
 * @param buffer the bytes the offsets refer to when they are not file offsets (deflated files), else null
 */
record ParsedFile(String transferSyntaxUid, DicomObject meta, DicomObject dataset, PixelDataLocation pixels,
                  byte[] buffer) {
}

/**
 * Pixel data position. Native: {@code offset}/{@code length} of the whole value. Encapsulated: the
 * fragments (offset, length pairs) after the basic offset table, plus that table's entries.
 */
record PixelDataLocation(int tag, long offset, long length, boolean encapsulated, List<long[]> fragments,
                         long[] basicOffsetTable) {
}
