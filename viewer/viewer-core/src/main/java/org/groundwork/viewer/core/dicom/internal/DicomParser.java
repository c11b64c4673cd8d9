package org.groundwork.viewer.core.dicom.internal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.dicom.DicomObject;
import org.groundwork.viewer.core.dicom.Tag;
import org.groundwork.viewer.core.dicom.TransferSyntax;

/**
 * Parses DICOM Part 10 files (and bare data sets without preamble or meta header) up to the pixel
 * data. Every length is checked against the bytes that are really there before it is used, so a
 * damaged file gives a {@link BadInputException}, never an exception of another kind or a huge
 * allocation.
 */
final class DicomParser {
    /** Thrown when the given prefix of the file ends before the header does; read more and retry. */
    static final class NeedMoreBytes extends Exception {
        private static final long serialVersionUID = 1L;

        NeedMoreBytes() {
            super(null, null, false, false);
        }
    }

    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 32;
    private static final Set<String> LONG_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final Set<String> ALL_VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD",
            "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM",
            "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV");

    private final Path file;
    private byte[] buf;
    private int limit;
    private final long fileSize;
    private int pos;
    private boolean bigEndian;
    private boolean explicitVr;
    /** True while parsing inside a UN sequence, which is always Implicit VR Little Endian. */
    private boolean forcedImplicit;

    private DicomParser(Path file, byte[] buf, int limit, long fileSize) {
        this.file = file;
        this.buf = buf;
        this.limit = limit;
        this.fileSize = fileSize;
    }

    /**
     * Parses the first {@code limit} bytes of {@code buf}, which are the start of a file of
     * {@code fileSize} bytes.
     *
     * @throws NeedMoreBytes when the header runs past {@code limit} but the file has more bytes
     */
    static ParsedFile parse(Path file, byte[] buf, int limit, long fileSize) throws BadInputException, NeedMoreBytes {
        return new DicomParser(file, buf, limit, fileSize).parseFile();
    }

    private ParsedFile parseFile() throws BadInputException, NeedMoreBytes {
        if (fileSize == 0) {
            throw bad("the file is empty");
        }
        boolean preamble = limit >= 132 && buf[128] == 'D' && buf[129] == 'I' && buf[130] == 'C' && buf[131] == 'M';
        pos = preamble ? 132 : 0;
        DicomObject meta = new DicomObject(ByteOrder.LITTLE_ENDIAN, StandardCharsets.ISO_8859_1);
        readMetaGroup(meta);
        if (!preamble && meta.elements().isEmpty() && !looksLikeDataSet()) {
            throw bad("not a DICOM file (no DICM marker and no recognisable data set)");
        }
        String uid = meta.string(Tag.TRANSFER_SYNTAX_UID);
        if (uid.isEmpty()) {
            uid = guessSyntax();
        }
        TransferSyntax ts = TransferSyntax.byUid(uid);
        // Unknown syntaxes are by rule explicit VR little endian with encapsulated pixel data.
        explicitVr = ts == null || ts.explicitVr();
        bigEndian = ts != null && ts.bigEndian();
        boolean encapsulated = ts == null || ts.encapsulated();
        byte[] ownBuffer = null;
        if (ts != null && ts.deflated()) {
            requireWholeFile();
            ownBuffer = DeflatedDataSet.inflate(file, buf, pos, limit);
            buf = ownBuffer;
            limit = ownBuffer.length;
            pos = 0;
        }
        if (explicitVr && !bigEndian && pos + 8 <= limit && vrAt(pos + 4) == null) {
            // Some writers declare explicit VR but write implicit VR; read what is really there.
            explicitVr = false;
        }
        DicomObject dataset = new DicomObject(order(), StandardCharsets.ISO_8859_1);
        PixelDataLocation pixels = readDataSet(dataset, limit, 0, true, encapsulated);
        return new ParsedFile(uid, meta, dataset, pixels, ownBuffer);
    }

    private ByteOrder order() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Group 0002 is explicit VR little endian, but some writers use implicit VR: look before reading. */
    private void readMetaGroup(DicomObject meta) throws BadInputException, NeedMoreBytes {
        while (true) {
            if (pos + 8 > limit) {
                needMoreIfPossible();
                return;
            }
            int group = u16le(pos);
            if (group != 0x0002) {
                return;
            }
            int tag = (group << 16) | u16le(pos + 2);
            String vr = vrAt(pos + 4);
            long length;
            int header;
            if (vr != null) {
                if (LONG_VRS.contains(vr)) {
                    require(pos + 12);
                    length = u32le(pos + 8);
                    header = 12;
                } else {
                    length = u16le(pos + 6);
                    header = 8;
                }
            } else {
                vr = ImplicitVrDictionary.vrOf(tag);
                length = u32le(pos + 4);
                header = 8;
            }
            pos += header;
            meta.put(new DicomObject.Element(tag, vr, value(tag, length), null));
        }
    }

    private boolean looksLikeDataSet() {
        if (limit < 8) {
            return false;
        }
        int groupLe = u16le(0);
        int groupBe = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
        return groupLe == 0x0008 || groupLe == 0x0010 || groupLe == 0x0018 || groupLe == 0x0020
                || groupLe == 0x0028 || groupBe == 0x0008;
    }

    /** Files without a meta header: tell implicit from explicit VR, and big from little endian. */
    private String guessSyntax() {
        if (pos + 8 > limit) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
        }
        int groupLe = u16le(pos);
        boolean explicit = vrAt(pos + 4) != null;
        if (groupLe > 0x00FF && (groupLe & 0xFF) == 0 && explicit) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
        }
        return explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid() : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
    }

    /**
     * Reads elements into {@code into} until {@code end} (or an item delimiter when {@code end} is
     * -1). At the top level, stops at the pixel data and returns where it lies.
     */
    private PixelDataLocation readDataSet(DicomObject into, int end, int depth, boolean topLevel,
                                          boolean encapsulated) throws BadInputException, NeedMoreBytes {
        if (depth > MAX_DEPTH) {
            throw bad("sequences are nested more than " + MAX_DEPTH + " levels deep");
        }
        boolean untilDelimiter = end < 0;
        while (untilDelimiter || pos < end) {
            if (pos + 8 > limit) {
                needMoreIfPossible();
                if (topLevel && !untilDelimiter) {
                    return null; // a few stray bytes at the end of the file are harmless
                }
                throw bad("the file ends inside a sequence item (truncated?)");
            }
            int tag = tag(pos);
            if (tag == Tag.ITEM_DELIMITATION) {
                pos += 8;
                if (untilDelimiter) {
                    return null;
                }
                continue; // stray delimiter in a defined-length item: tolerated, as by dcmtk
            }
            if (tag == Tag.SEQUENCE_DELIMITATION && topLevel) {
                pos += 8; // stray delimiter at the top level
                continue;
            }
            String vr;
            long length;
            if (explicitVr && !forcedImplicit) {
                vr = vrAt(pos + 4);
                if (vr == null) {
                    throw bad("attribute " + Tag.format(tag) + " at byte " + pos + " has no valid value representation");
                }
                if (LONG_VRS.contains(vr)) {
                    require(pos + 12);
                    length = u32(pos + 8);
                    pos += 12;
                } else {
                    length = u16(pos + 6);
                    pos += 8;
                }
            } else {
                vr = ImplicitVrDictionary.vrOf(tag);
                length = u32(pos + 4);
                pos += 8;
            }
            if (topLevel && (tag == Tag.PIXEL_DATA || tag == Tag.FLOAT_PIXEL_DATA || tag == Tag.DOUBLE_FLOAT_PIXEL_DATA)) {
                return pixelData(tag, length, encapsulated || length == UNDEFINED);
            }
            if ("SQ".equals(vr) || (length == UNDEFINED && ("UN".equals(vr) || !explicitVr || forcedImplicit))
                    || (!"SQ".equals(vr) && "UN".equals(vr) && startsWithItem(length))) {
                boolean wasForced = forcedImplicit;
                forcedImplicit = forcedImplicit || ("UN".equals(vr) && explicitVr);
                List<DicomObject> items = readSequence(into, length, depth);
                forcedImplicit = wasForced;
                into.put(new DicomObject.Element(tag, "SQ", null, items));
                continue;
            }
            if (length == UNDEFINED) {
                throw bad("attribute " + Tag.format(tag) + " has an undefined length but is not a sequence");
            }
            byte[] value = value(tag, length);
            into.put(new DicomObject.Element(tag, vr, value, null));
            if (tag == Tag.SPECIFIC_CHARACTER_SET) {
                into.setCharset(CharacterSets.forDefinedTerms(into.string(Tag.SPECIFIC_CHARACTER_SET)));
            }
        }
        if (pos > end && !untilDelimiter) {
            throw bad("an attribute runs past the end of its enclosing item");
        }
        return null;
    }

    /** Implicit-VR private sequences of defined length are recognised by their first item tag. */
    private boolean startsWithItem(long length) {
        return length >= 8 && length != UNDEFINED && pos + 4 <= limit && tag(pos) == Tag.ITEM;
    }

    private List<DicomObject> readSequence(DicomObject parent, long length, int depth)
            throws BadInputException, NeedMoreBytes {
        List<DicomObject> items = new ArrayList<>();
        int end;
        if (length == UNDEFINED) {
            end = -1;
        } else {
            long e = pos + length;
            if (e > limit) {
                needMoreIfPossible();
                throw bad("a sequence claims " + length + " bytes but the file ends first (truncated?)");
            }
            end = (int) e;
        }
        while (end < 0 || pos < end) {
            if (pos + 8 > limit) {
                needMoreIfPossible();
                throw bad("the file ends inside a sequence (truncated?)");
            }
            int tag = tag(pos);
            long itemLength = u32(pos + 4);
            pos += 8;
            if (tag == Tag.SEQUENCE_DELIMITATION) {
                if (end < 0) {
                    return items;
                }
                continue;
            }
            if (tag != Tag.ITEM) {
                throw bad("expected a sequence item but found " + Tag.format(tag) + " at byte " + (pos - 8));
            }
            DicomObject item = new DicomObject(order(), parent.charset());
            int itemEnd;
            if (itemLength == UNDEFINED) {
                itemEnd = -1;
            } else {
                long e = pos + itemLength;
                if (e > limit) {
                    needMoreIfPossible();
                    throw bad("a sequence item claims " + itemLength + " bytes but the file ends first (truncated?)");
                }
                itemEnd = (int) e;
            }
            readDataSet(item, itemEnd, depth + 1, false, false);
            items.add(item);
        }
        return items;
    }

    private PixelDataLocation pixelData(int tag, long length, boolean encapsulated)
            throws BadInputException, NeedMoreBytes {
        if (!encapsulated) {
            if (length == UNDEFINED) {
                throw bad("native pixel data has an undefined length");
            }
            // The values may lie beyond the bytes read so far; the caller checks them against the file size.
            return new PixelDataLocation(tag, pos, length, false, List.of(), new long[0]);
        }
        if (length != UNDEFINED) {
            throw bad("compressed pixel data must have an undefined length, but it claims " + length + " bytes");
        }
        requireWholeFile();
        List<long[]> fragments = new ArrayList<>();
        long[] offsetTable = null;
        while (true) {
            if (pos + 8 > limit) {
                throw bad("the compressed pixel data ends before its last fragment (truncated?)");
            }
            int itemTag = tag(pos);
            long itemLength = u32(pos + 4);
            pos += 8;
            if (itemTag == Tag.SEQUENCE_DELIMITATION) {
                break;
            }
            if (itemTag != Tag.ITEM || itemLength == UNDEFINED) {
                throw bad("the compressed pixel data has a malformed fragment at byte " + (pos - 8));
            }
            if (pos + itemLength > limit) {
                throw bad("a compressed fragment claims " + itemLength + " bytes but the file ends first (truncated?)");
            }
            if (offsetTable == null) {
                offsetTable = new long[(int) (itemLength / 4)];
                for (int i = 0; i < offsetTable.length; i++) {
                    offsetTable[i] = u32(pos + 4 * i);
                }
            } else {
                fragments.add(new long[] {pos, itemLength});
            }
            pos += (int) itemLength;
        }
        if (fragments.isEmpty()) {
            throw bad("the compressed pixel data contains no image fragments");
        }
        return new PixelDataLocation(tag, -1, -1, true, List.copyOf(fragments), offsetTable);
    }

    private byte[] value(int tag, long length) throws BadInputException, NeedMoreBytes {
        if (length == UNDEFINED) {
            throw bad("attribute " + Tag.format(tag) + " has an undefined length but is not a sequence");
        }
        if (pos + length > limit) {
            needMoreIfPossible();
            throw bad("attribute " + Tag.format(tag) + " claims " + length + " bytes but only "
                    + (limit - pos) + " remain (truncated or damaged file)");
        }
        byte[] v = Arrays.copyOfRange(buf, pos, pos + (int) length);
        pos += (int) length;
        return v;
    }

    private void requireWholeFile() throws NeedMoreBytes {
        if (limit < fileSize) {
            throw new NeedMoreBytes();
        }
    }

    private void needMoreIfPossible() throws NeedMoreBytes {
        if (limit < fileSize && buf.length >= limit) {
            throw new NeedMoreBytes();
        }
    }

    private void require(int end) throws BadInputException, NeedMoreBytes {
        if (end > limit) {
            needMoreIfPossible();
            throw bad("the file ends in the middle of an attribute header (truncated?)");
        }
    }

    static boolean isVr(String vr) {
        return ALL_VRS.contains(vr);
    }

    static boolean isLongVr(String vr) {
        return LONG_VRS.contains(vr);
    }

    private String vrAt(int at) {
        if (at + 2 > limit) {
            return null;
        }
        char a = (char) (buf[at] & 0xFF);
        char b = (char) (buf[at + 1] & 0xFF);
        String vr = new String(new char[] {a, b});
        return ALL_VRS.contains(vr) ? vr : null;
    }

    private int tag(int at) {
        return (u16(at) << 16) | u16(at + 2);
    }

    private int u16(int at) {
        int b0 = buf[at] & 0xFF;
        int b1 = buf[at + 1] & 0xFF;
        return bigEndian && !forcedImplicit ? (b0 << 8) | b1 : (b1 << 8) | b0;
    }

    private long u32(int at) {
        long b0 = buf[at] & 0xFF, b1 = buf[at + 1] & 0xFF, b2 = buf[at + 2] & 0xFF, b3 = buf[at + 3] & 0xFF;
        return bigEndian && !forcedImplicit ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3
                : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
    }

    private int u16le(int at) {
        return (buf[at] & 0xFF) | ((buf[at + 1] & 0xFF) << 8);
    }

    private long u32le(int at) {
        return (buf[at] & 0xFFL) | ((buf[at + 1] & 0xFFL) << 8) | ((buf[at + 2] & 0xFFL) << 16)
                | ((buf[at + 3] & 0xFFL) << 24);
    }

    private BadInputException bad(String reason) {
        return new BadInputException(file, reason);
    }
}
