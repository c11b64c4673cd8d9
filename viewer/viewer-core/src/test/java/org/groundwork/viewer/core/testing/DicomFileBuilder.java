package org.groundwork.viewer.core.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes DICOM Part 10 files for tests, in any of the uncompressed transfer syntaxes, with
 * sequences of defined or undefined length and native or encapsulated pixel data.
 */
public final class DicomFileBuilder {
    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    public static final String RLE = "1.2.840.10008.1.2.5";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    public static final String JPEG_LS = "1.2.840.10008.1.2.4.80";

    private static final Set<String> LONG_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    /** An element value: raw bytes (already in the right byte order) or sequence items. */
    private record Value(String vr, byte[] bytes, List<DicomFileBuilder> items, boolean undefinedLength) {
    }

    private final TreeMap<Long, Value> elements = new TreeMap<>();
    private final String syntax;
    private Charset charset = StandardCharsets.ISO_8859_1;
    private List<byte[]> fragments;

    public DicomFileBuilder(String syntax) {
        this.syntax = syntax;
    }

    private boolean bigEndian() {
        return EXPLICIT_BE.equals(syntax);
    }

    private boolean explicit() {
        return !IMPLICIT_LE.equals(syntax);
    }

    private ByteOrder order() {
        return bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static long key(int tag) {
        return tag & 0xFFFFFFFFL;
    }

    public DicomFileBuilder charset(Charset cs) {
        this.charset = cs;
        return this;
    }

    public DicomFileBuilder string(int tag, String vr, String value) {
        byte[] b = value.getBytes(vr.equals("PN") || vr.equals("LO") || vr.equals("SH") || vr.equals("LT")
                ? charset : StandardCharsets.ISO_8859_1);
        if (b.length % 2 == 1) {
            byte[] padded = java.util.Arrays.copyOf(b, b.length + 1);
            padded[b.length] = (byte) (vr.equals("UI") ? 0 : ' ');
            b = padded;
        }
        elements.put(key(tag), new Value(vr, b, null, false));
        return this;
    }

    public DicomFileBuilder decimals(int tag, double... values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            if (s.length() > 0) {
                s.append('\\');
            }
            String text = String.format(Locale.ROOT, "%.10g", v);
            s.append(text.length() > 16 ? String.format(Locale.ROOT, "%.8g", v) : text);
        }
        return string(tag, "DS", s.toString());
    }

    public DicomFileBuilder integerString(int tag, int value) {
        return string(tag, "IS", Integer.toString(value));
    }

    public DicomFileBuilder us(int tag, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(order());
        for (int v : values) {
            b.putShort((short) v);
        }
        elements.put(key(tag), new Value("US", b.array(), null, false));
        return this;
    }

    /** A value written with an odd length, as some writers do. */
    public DicomFileBuilder rawValue(int tag, String vr, byte[] bytes) {
        elements.put(key(tag), new Value(vr, bytes, null, false));
        return this;
    }

    public DicomFileBuilder sequence(int tag, boolean undefinedLength, DicomFileBuilder... items) {
        elements.put(key(tag), new Value("SQ", null, List.of(items), undefinedLength));
        return this;
    }

    public DicomFileBuilder remove(int tag) {
        elements.remove(key(tag));
        return this;
    }

    /** Native pixel data; 16-bit samples given as shorts are written in the syntax's byte order. */
    public DicomFileBuilder pixels16(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(order());
        b.asShortBuffer().put(samples);
        elements.put(key(0x7FE00010), new Value("OW", b.array(), null, false));
        return this;
    }

    public DicomFileBuilder pixels8(byte[] samples) {
        byte[] b = samples.length % 2 == 1 ? java.util.Arrays.copyOf(samples, samples.length + 1) : samples;
        elements.put(key(0x7FE00010), new Value("OB", b, null, false));
        return this;
    }

    /** Encapsulated pixel data: an empty basic offset table, then one fragment per given array. */
    public DicomFileBuilder fragments(List<byte[]> frames) {
        this.fragments = frames;
        elements.put(key(0x7FE00010), new Value("OB", null, null, true));
        return this;
    }

    /** The data set alone, in this builder's syntax (not deflated). */
    byte[] dataSet() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : elements.entrySet()) {
            writeElement(out, (int) (long) e.getKey(), e.getValue());
        }
        return out.toByteArray();
    }

    private void writeElement(ByteArrayOutputStream out, int tag, Value v) {
        if (v.items() != null) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (DicomFileBuilder item : v.items()) {
                byte[] itemBytes = item.dataSet();
                writeTag(content, 0xFFFEE000);
                content.writeBytes(u32(v.undefinedLength() ? 0xFFFFFFFFL : itemBytes.length));
                content.writeBytes(itemBytes);
                if (v.undefinedLength()) {
                    writeTag(content, 0xFFFEE00D);
                    content.writeBytes(u32(0));
                }
            }
            if (v.undefinedLength()) {
                writeTag(content, 0xFFFEE0DD);
                content.writeBytes(u32(0));
            }
            writeHeader(out, tag, "SQ", v.undefinedLength() ? 0xFFFFFFFFL : content.size());
            out.writeBytes(content.toByteArray());
            return;
        }
        if (tag == 0x7FE00010 && fragments != null) {
            writeHeader(out, tag, "OB", 0xFFFFFFFFL);
            writeTag(out, 0xFFFEE000);
            out.writeBytes(u32(0));
            for (byte[] f : fragments) {
                byte[] even = f.length % 2 == 1 ? java.util.Arrays.copyOf(f, f.length + 1) : f;
                writeTag(out, 0xFFFEE000);
                out.writeBytes(u32(even.length));
                out.writeBytes(even);
            }
            writeTag(out, 0xFFFEE0DD);
            out.writeBytes(u32(0));
            return;
        }
        writeHeader(out, tag, v.vr(), v.bytes().length);
        out.writeBytes(v.bytes());
    }

    private void writeHeader(ByteArrayOutputStream out, int tag, String vr, long length) {
        writeTag(out, tag);
        if (explicit()) {
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (LONG_VRS.contains(vr)) {
                out.writeBytes(new byte[2]);
                out.writeBytes(u32(length));
            } else {
                out.writeBytes(u16((int) length));
            }
        } else {
            out.writeBytes(u32(length));
        }
    }

    private void writeTag(ByteArrayOutputStream out, int tag) {
        out.writeBytes(u16(tag >>> 16));
        out.writeBytes(u16(tag & 0xFFFF));
    }

    private byte[] u16(int v) {
        return ByteBuffer.allocate(2).order(order()).putShort((short) v).array();
    }

    private byte[] u32(long v) {
        return ByteBuffer.allocate(4).order(order()).putInt((int) v).array();
    }

    /** A complete file: preamble, meta header with the transfer syntax, data set. */
    public byte[] build() {
        return build(true, true);
    }

    public byte[] build(boolean preamble, boolean metaHeader) {
        ByteArrayOutputStream out = head(preamble, metaHeader);
        byte[] data = dataSet();
        if (DEFLATED_LE.equals(syntax)) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[data.length + 1024];
            int n = deflater.deflate(buffer);
            deflater.end();
            data = java.util.Arrays.copyOf(buffer, n);
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * A decompression bomb: this file in the deflated syntax, whose data set starts with a private
     * OB element of {@code zeros} zero bytes (streamed, never held) before the attributes and image.
     */
    public void writeDeflatedBomb(Path file, long zeros) throws IOException {
        if (!DEFLATED_LE.equals(syntax) || zeros % 2 != 0 || zeros > 0xFFFFFFFEL) {
            throw new IllegalArgumentException("a deflated file and an even 32-bit length");
        }
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file))) {
            head(true, true).writeTo(raw);
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try (DeflaterOutputStream out = new DeflaterOutputStream(raw, deflater, 1 << 16)) {
                ByteArrayOutputStream blobHeader = new ByteArrayOutputStream();
                writeHeader(blobHeader, 0x00091000, "OB", zeros);
                blobHeader.writeTo(out);
                byte[] chunk = new byte[1 << 20];
                for (long left = zeros; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                out.write(dataSet());
            } finally {
                deflater.end();
            }
        }
    }

    /** Preamble and meta header, as asked. */
    private ByteArrayOutputStream head(boolean preamble, boolean metaHeader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (preamble) {
            out.writeBytes(new byte[128]);
            out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        }
        if (metaHeader) {
            DicomFileBuilder meta = new DicomFileBuilder(EXPLICIT_LE);
            meta.rawValue(0x00020001, "OB", new byte[] {0, 1});
            meta.string(0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.4");
            meta.string(0x00020003, "UI", "1.2.3.4");
            meta.string(0x00020010, "UI", syntax);
            byte[] metaBytes = meta.dataSet();
            DicomFileBuilder length = new DicomFileBuilder(EXPLICIT_LE);
            length.elements.put(key(0x00020000), new Value("UL",
                    ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(metaBytes.length).array(), null, false));
            out.writeBytes(length.dataSet());
            out.writeBytes(metaBytes);
        }
        return out;
    }

    /** Items for sequences are written in the enclosing file's syntax. */
    public DicomFileBuilder item() {
        return new DicomFileBuilder(syntax == null || DEFLATED_LE.equals(syntax) ? EXPLICIT_LE : syntax);
    }

    public List<String> tags() {
        List<String> list = new ArrayList<>();
        elements.keySet().forEach(k -> list.add(Long.toHexString(k)));
        return list;
    }
}
