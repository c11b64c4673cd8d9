package org.groundwork.viewer.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.viewer.core.dicom.Tag;

/**
 * Writes small MR series with known geometry and a known, asymmetric voxel pattern, so that tests
 * can check sorting, orientation and values exactly.
 */
public final class SyntheticSeries {
    public static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
    public static final double[] SAGITTAL = {0, 1, 0, 0, 0, -1};
    public static final double[] CORONAL = {1, 0, 0, 0, 0, -1};

    private SyntheticSeries() {
    }

    /** The stored value of voxel (i, j, k): different along every axis, negative values included. */
    public static short value(int i, int j, int k) {
        return (short) (i * 3 + j * 50 + k * 1000 - 500);
    }

    public static short[] slicePixels(int columns, int rows, int k) {
        short[] p = new short[columns * rows];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                p[j * columns + i] = value(i, j, k);
            }
        }
        return p;
    }

    /** One slice with the classic MR image modules filled in. */
    public static DicomFileBuilder slice(String syntax, String seriesUid, int columns, int rows, int k,
                                         double[] position, double[] orientation, double rowSpacing,
                                         double columnSpacing) {
        DicomFileBuilder b = new DicomFileBuilder(syntax)
                .string(Tag.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100")
                .string(Tag.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.4")
                .string(Tag.SOP_INSTANCE_UID, "UI", seriesUid + "." + (k + 1))
                .string(Tag.MODALITY, "CS", "MR")
                .string(Tag.SERIES_DESCRIPTION, "LO", "Synthetic knee")
                .string(Tag.PATIENT_NAME, "PN", "Test^Patient")
                .string(Tag.PATIENT_ID, "LO", "P001")
                .string(Tag.STUDY_INSTANCE_UID, "UI", "1.2.826.0.1.3680043.8.498.1")
                .string(Tag.SERIES_INSTANCE_UID, "UI", seriesUid)
                .integerString(Tag.INSTANCE_NUMBER, k + 1)
                .decimals(Tag.IMAGE_POSITION_PATIENT, position)
                .decimals(Tag.IMAGE_ORIENTATION_PATIENT, orientation)
                .decimals(Tag.PIXEL_SPACING, rowSpacing, columnSpacing)
                .decimals(Tag.SLICE_THICKNESS, 2.0)
                .us(Tag.SAMPLES_PER_PIXEL, 1)
                .string(Tag.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .us(Tag.ROWS, rows)
                .us(Tag.COLUMNS, columns)
                .us(Tag.BITS_ALLOCATED, 16)
                .us(Tag.BITS_STORED, 16)
                .us(Tag.HIGH_BIT, 15)
                .us(Tag.PIXEL_REPRESENTATION, 1)
                .decimals(Tag.WINDOW_CENTER, 500)
                .decimals(Tag.WINDOW_WIDTH, 2000);
        b.pixels16(slicePixels(columns, rows, k));
        return b;
    }

    /**
     * Writes {@code slices} slices, slice k at origin + k * step along the normal of
     * {@code orientation}, in shuffled file order, and returns the files.
     */
    public static List<Path> write(Path dir, String syntax, String seriesUid, int columns, int rows, int slices,
                                   double[] origin, double[] orientation, double[] spacing) {
        double[] r = {orientation[0], orientation[1], orientation[2]};
        double[] c = {orientation[3], orientation[4], orientation[5]};
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int k = 0; k < slices; k++) {
                double[] p = {origin[0] + k * spacing[2] * n[0], origin[1] + k * spacing[2] * n[1],
                    origin[2] + k * spacing[2] * n[2]};
                // File names in reverse slice order, so that sorting by name would be wrong.
                Path file = dir.resolve(String.format("IM%04d.dcm", slices - k));
                Files.write(file, slice(syntax, seriesUid, columns, rows, k, p, orientation, spacing[1], spacing[0]).build());
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
