package org.groundwork.viewer.core.dicom;

import java.nio.file.Path;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.VoxelData;

/** One DICOM file whose attributes have been read; its pixels are decoded on request. */
public interface DicomInstance {
    Path file();

    /** The main data set (without the pixel data). */
    DicomObject attributes();

    String transferSyntaxUid();

    boolean hasPixelData();

    /** The pixel layout; only meaningful when {@link #hasPixelData()}. */
    PixelFormat pixelFormat();

    /**
     * Decodes one frame's stored values into {@code target} from voxel index {@code offset} on.
     * {@code target} must be of {@code pixelFormat().voxelType()}.
     */
    void decodeFrame(int frame, VoxelData target, int offset) throws BadInputException;
}
