package org.groundwork.viewer.core.dicom;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Transfer syntaxes Groundwork knows by name, and whether and how it decodes their pixels. */
public enum TransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", Encoding.NATIVE),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", Encoding.NATIVE),
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", Encoding.NATIVE),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian", Encoding.NATIVE),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", Encoding.RLE),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", Encoding.JPEG),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", Encoding.JPEG),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", Encoding.JPEG),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14, SV1)",
            Encoding.JPEG),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", Encoding.JPEG_2000),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000", Encoding.JPEG_2000),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Encoding.UNSUPPORTED),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", Encoding.UNSUPPORTED),
    JPEG_PROGRESSIVE("1.2.840.10008.1.2.4.55", "JPEG Full Progression (retired)", Encoding.UNSUPPORTED),
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless", Encoding.UNSUPPORTED),
    HTJ2K_LOSSLESS_RPCL("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 RPCL Lossless",
            Encoding.UNSUPPORTED),
    HTJ2K("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", Encoding.UNSUPPORTED),
    MPEG2("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile", Encoding.UNSUPPORTED),
    MPEG4("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", Encoding.UNSUPPORTED),
    HEVC("1.2.840.10008.1.2.4.107", "HEVC/H.265", Encoding.UNSUPPORTED);

    /** How pixel data is stored. */
    public enum Encoding { NATIVE, RLE, JPEG, JPEG_2000, UNSUPPORTED }

    private static final Map<String, TransferSyntax> BY_UID =
            Stream.of(values()).collect(Collectors.toMap(TransferSyntax::uid, Function.identity()));

    private final String uid;
    private final String displayName;
    private final Encoding encoding;

    TransferSyntax(String uid, String displayName, Encoding encoding) {
        this.uid = uid;
        this.displayName = displayName;
        this.encoding = encoding;
    }

    public String uid() {
        return uid;
    }

    public String displayName() {
        return displayName;
    }

    public Encoding encoding() {
        return encoding;
    }

    public boolean bigEndian() {
        return this == EXPLICIT_VR_BIG_ENDIAN;
    }

    public boolean explicitVr() {
        return this != IMPLICIT_VR_LITTLE_ENDIAN;
    }

    public boolean deflated() {
        return this == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
    }

    /** Pixel data in encapsulated fragments (everything compressed). */
    public boolean encapsulated() {
        return encoding != Encoding.NATIVE;
    }

    /** The syntax with this UID, or null when Groundwork does not know it. */
    public static TransferSyntax byUid(String uid) {
        return BY_UID.get(uid.trim());
    }

    /** A name for messages: the known name, or the UID itself. */
    public static String describe(String uid) {
        TransferSyntax ts = byUid(uid);
        return ts == null ? uid : ts.displayName + " (" + uid + ")";
    }
}
