package org.groundwork.viewer.core.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VoxelData;

/**
 * Writes a 16-bit volume as a DICOM MR image series, one Part 10 file per slice along k, in Explicit
 * VR Little Endian, with the patient, study and series attributes that a PACS export carries. Used
 * for the demo project, so that it goes through the same import path as a user's own studies.
 */
public final class DicomSeriesWriter {
    private static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    private static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final String IMPLEMENTATION_CLASS = "2.25.2146571301894726374523640139712634821";

    /** The identifying and descriptive attributes of the series; UIDs may be made with {@link #uid(String)}. */
    public record Series(String patientName, String patientId, String patientBirthDate, String patientSex,
                         String accessionNumber, String institution, String referringPhysician,
                         String studyDate, String studyTime, String studyDescription, String studyUid,
                         String seriesDescription, int seriesNumber, String seriesUid, String frameOfReferenceUid,
                         String bodyPart, String laterality) {
    }

    private DicomSeriesWriter() {
    }

    /** A UID under the 2.25 root (ITU-T X.667) derived from {@code name}: the same name gives the same UID. */
    public static String uid(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        BigInteger value = new BigInteger(1, ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    /**
     * Writes {@code volume} into {@code folder} (created if needed) as IM0001.dcm, IM0002.dcm, ...; returns
     * the files. Readers order slices along the row x column normal, so a volume whose k axis runs the
     * other way reads back with k reversed (the same patient geometry, other voxel indices).
     */
    public static List<Path> write(Volume volume, Series series, Path folder) throws IOException {
        boolean signed = volume.data() instanceof VoxelData.Int16;
        short[] samples = volume.data() instanceof VoxelData.Int16 i16 ? i16.values()
                : volume.data() instanceof VoxelData.UInt16 u16 ? u16.values() : null;
        if (samples == null) {
            throw new IllegalArgumentException("only 16-bit volumes are written as DICOM, not " + volume.data().type());
        }
        Files.createDirectories(folder);
        double[] row = unit(volume.voxelToLps().column(0));
        double[] column = unit(volume.voxelToLps().column(1));
        double[] spacing = volume.spacing();
        int sliceLength = volume.nx() * volume.ny();
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < volume.nz(); k++) {
            String instanceUid = series.seriesUid() + "." + (k + 1);
            Elements e = new Elements();
            e.text(Tag.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100");
            e.text(Tag.IMAGE_TYPE, "CS", "ORIGINAL\\PRIMARY");
            e.text(Tag.SOP_CLASS_UID, "UI", MR_IMAGE_STORAGE);
            e.text(Tag.SOP_INSTANCE_UID, "UI", instanceUid);
            e.text(Tag.STUDY_DATE, "DA", series.studyDate());
            e.text(Tag.SERIES_DATE, "DA", series.studyDate());
            e.text(Tag.STUDY_TIME, "TM", series.studyTime());
            e.text(Tag.ACCESSION_NUMBER, "SH", series.accessionNumber());
            e.text(Tag.MODALITY, "CS", "MR");
            e.text(Tag.MANUFACTURER, "LO", "Groundwork phantom");
            e.text(Tag.INSTITUTION_NAME, "LO", series.institution());
            e.text(Tag.REFERRING_PHYSICIAN_NAME, "PN", series.referringPhysician());
            e.text(Tag.STUDY_DESCRIPTION, "LO", series.studyDescription());
            e.text(Tag.SERIES_DESCRIPTION, "LO", series.seriesDescription());
            e.text(Tag.PATIENT_NAME, "PN", series.patientName());
            e.text(Tag.PATIENT_ID, "LO", series.patientId());
            e.text(Tag.PATIENT_BIRTH_DATE, "DA", series.patientBirthDate());
            e.text(Tag.PATIENT_SEX, "CS", series.patientSex());
            e.text(Tag.BODY_PART_EXAMINED, "CS", series.bodyPart());
            e.decimals(Tag.SLICE_THICKNESS, spacing[2]);
            e.decimals(Tag.SPACING_BETWEEN_SLICES, spacing[2]);
            e.text(Tag.STUDY_INSTANCE_UID, "UI", series.studyUid());
            e.text(Tag.SERIES_INSTANCE_UID, "UI", series.seriesUid());
            e.text(Tag.STUDY_ID, "SH", "1");
            e.text(Tag.SERIES_NUMBER, "IS", Integer.toString(series.seriesNumber()));
            e.text(Tag.INSTANCE_NUMBER, "IS", Integer.toString(k + 1));
            e.decimals(Tag.IMAGE_POSITION_PATIENT, volume.voxelToLps().apply(0, 0, k));
            e.decimals(Tag.IMAGE_ORIENTATION_PATIENT, row[0], row[1], row[2], column[0], column[1], column[2]);
            e.text(Tag.FRAME_OF_REFERENCE_UID, "UI", series.frameOfReferenceUid());
            e.text(Tag.LATERALITY, "CS", series.laterality());
            e.unsigned(Tag.SAMPLES_PER_PIXEL, 1);
            e.text(Tag.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2");
            e.unsigned(Tag.ROWS, volume.ny());
            e.unsigned(Tag.COLUMNS, volume.nx());
            e.decimals(Tag.PIXEL_SPACING, spacing[1], spacing[0]); // between rows, then between columns
            e.unsigned(Tag.BITS_ALLOCATED, 16);
            e.unsigned(Tag.BITS_STORED, 16);
            e.unsigned(Tag.HIGH_BIT, 15);
            e.unsigned(Tag.PIXEL_REPRESENTATION, signed ? 1 : 0);
            if (!Double.isNaN(volume.info().windowCenter()) && !Double.isNaN(volume.info().windowWidth())) {
                e.decimals(Tag.WINDOW_CENTER, volume.info().windowCenter());
                e.decimals(Tag.WINDOW_WIDTH, volume.info().windowWidth());
            }
            e.decimals(Tag.RESCALE_INTERCEPT, volume.intercept());
            e.decimals(Tag.RESCALE_SLOPE, volume.slope());
            ByteBuffer pixels = ByteBuffer.allocate(sliceLength * 2).order(ByteOrder.LITTLE_ENDIAN);
            pixels.asShortBuffer().put(samples, k * sliceLength, sliceLength);
            e.raw(Tag.PIXEL_DATA, "OW", pixels.array());

            Elements meta = new Elements();
            meta.raw(0x00020001, "OB", new byte[] {0, 1});
            meta.text(Tag.MEDIA_STORAGE_SOP_CLASS_UID, "UI", MR_IMAGE_STORAGE);
            meta.text(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", instanceUid);
            meta.text(Tag.TRANSFER_SYNTAX_UID, "UI", EXPLICIT_VR_LITTLE_ENDIAN);
            meta.text(Tag.IMPLEMENTATION_CLASS_UID, "UI", IMPLEMENTATION_CLASS);
            byte[] metaBytes = meta.encode();
            Elements groupLength = new Elements();
            groupLength.raw(Tag.FILE_META_INFORMATION_GROUP_LENGTH, "UL",
                    ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(metaBytes.length).array());

            Path file = folder.resolve(String.format(Locale.ROOT, "IM%04d.dcm", k + 1));
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(new byte[128]);
                out.write("DICM".getBytes(StandardCharsets.US_ASCII));
                out.write(groupLength.encode());
                out.write(metaBytes);
                out.write(e.encode());
            }
            files.add(file);
        }
        return files;
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    /** Elements in tag order, encoded Explicit VR Little Endian; empty text values are left out. */
    private static final class Elements {
        private final Map<Integer, byte[]> values = new TreeMap<>(Integer::compareUnsigned);
        private final Map<Integer, String> vrs = new TreeMap<>(Integer::compareUnsigned);

        void text(int tag, String vr, String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
            if (bytes.length % 2 == 1) { // values have even length: UIDs pad with NUL, text with a space
                bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
                bytes[bytes.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
            }
            raw(tag, vr, bytes);
        }

        void decimals(int tag, double... numbers) {
            StringBuilder s = new StringBuilder();
            for (double n : numbers) {
                s.append(s.length() == 0 ? "" : "\\").append(decimalString(n));
            }
            text(tag, "DS", s.toString());
        }

        void unsigned(int tag, int value) {
            raw(tag, "US", ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
        }

        void raw(int tag, String vr, byte[] bytes) {
            values.put(tag, bytes);
            vrs.put(tag, vr);
        }

        byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            for (var entry : values.entrySet()) {
                int tag = entry.getKey();
                String vr = vrs.get(tag);
                byte[] value = entry.getValue();
                header.clear();
                header.putShort((short) (tag >>> 16)).putShort((short) tag);
                header.put(vr.getBytes(StandardCharsets.US_ASCII));
                if (vr.equals("OB") || vr.equals("OW")) {
                    header.putShort((short) 0).putInt(value.length); // long form for binary VRs
                } else {
                    header.putShort((short) value.length);
                }
                out.write(header.array(), 0, header.position());
                out.writeBytes(value);
            }
            return out.toByteArray();
        }

        /** A decimal string of at most 16 characters, as the DS value representation allows. */
        private static String decimalString(double n) {
            if (n == Math.rint(n) && Math.abs(n) < 1e15) {
                return Long.toString((long) n);
            }
            for (int digits = 10; digits > 1; digits--) {
                String s = new BigDecimalFormat(digits).format(n);
                if (s.length() <= 16) {
                    return s;
                }
            }
            return String.format(Locale.ROOT, "%.1e", n);
        }
    }

    /** Plain decimal notation with up to the given significant digits, trailing zeros dropped. */
    private record BigDecimalFormat(int digits) {
        String format(double n) {
            return new java.math.BigDecimal(n).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
        }
    }
}
