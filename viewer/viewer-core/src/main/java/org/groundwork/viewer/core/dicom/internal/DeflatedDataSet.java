package org.groundwork.viewer.core.dicom.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.MemoryBudget;
import org.groundwork.viewer.core.dicom.Tag;

/**
 * Inflates a Deflated Explicit VR Little Endian data set as a stream, keeping only what the parser
 * needs: small attributes and the pixel data. A large top-level value other than the pixel data (a
 * private blob, say) is skipped as it inflates and kept as an empty value, so a file whose data set
 * inflates to gigabytes beside a small image costs the memory of that image. Sequences are kept as
 * they are (their lengths enclose their items), within the cap on attributes.
 */
final class DeflatedDataSet {
    /** Top-level values larger than this (other than pixel data) are skipped, not held. */
    static final int SKIP_VALUES_ABOVE = 1 << 20;
    /** Attributes kept (everything but the pixel data) may not exceed this. */
    static final int MAX_ATTRIBUTE_BYTES = 64 << 20;
    /** Skipped values may not exceed this in total: inflating more only costs time, but no real file needs it. */
    static final long MAX_SKIPPED_BYTES = 4L << 30;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 32;

    private final Path file;
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream(64 * 1024);
    private final byte[] header = new byte[12];
    private boolean implicitVr;
    private long skipped;

    private DeflatedDataSet(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** The data set deflated in {@code buf[from..limit)}, inflated without its large non-pixel values. */
    static byte[] inflate(Path file, byte[] buf, int from, int limit) throws BadInputException {
        Inflater inflater = new Inflater(true);
        try (InputStream in = new LenientInflaterStream(new ByteArrayInputStream(buf, from, limit - from), inflater)) {
            return new DeflatedDataSet(file, in).topLevel();
        } catch (ZipException e) {
            throw new BadInputException(file, "the deflated data set is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException(file, "the deflated data set could not be read (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }

    private byte[] topLevel() throws IOException, BadInputException {
        boolean first = true;
        while (true) {
            int n = in.readNBytes(header, 0, 8);
            if (n < 8) {
                kept.write(header, 0, n); // the parser reports a cut-off element, or ignores stray bytes
                return kept.toByteArray();
            }
            if (first) {
                // Some writers declare explicit VR but write implicit VR; the parser checks the same way.
                implicitVr = !DicomParser.isVr(vr());
                first = false;
            }
            int tag = tag();
            if (tag == Tag.ITEM_DELIMITATION || tag == Tag.SEQUENCE_DELIMITATION) {
                keep(header, 8);
                continue;
            }
            int headerLength = readRestOfHeader(implicitVr);
            long length = length(headerLength, implicitVr);
            if (tag == Tag.PIXEL_DATA || tag == Tag.FLOAT_PIXEL_DATA || tag == Tag.DOUBLE_FLOAT_PIXEL_DATA) {
                return withPixelData(headerLength, length);
            }
            if (length == UNDEFINED || !implicitVr && "SQ".equals(vr())) {
                keep(header, headerLength);
                copyContainer(length, implicitVr || "UN".equals(vr()), 1);
            } else if (length > SKIP_VALUES_ABOVE) {
                header[headerLength - 4] = header[headerLength - 3] = header[headerLength - 2] = header[headerLength - 1] = 0;
                keep(header, headerLength);
                skip(length);
            } else {
                keep(header, headerLength);
                copy(length);
            }
        }
    }

    /** The attributes kept so far, then the pixel data element read straight into one array of its final size. */
    private byte[] withPixelData(int headerLength, long length) throws IOException, BadInputException {
        keep(header, headerLength);
        if (length == UNDEFINED) {
            copy(MAX_ATTRIBUTE_BYTES); // not a native image; the parser explains what it finds
            return kept.toByteArray();
        }
        long total = kept.size() + length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new BadInputException(file, "its pixel data claims " + length + " bytes, more than one image may hold");
        }
        MemoryBudget.require(file, length, "its pixel data");
        byte[] all = Arrays.copyOf(kept.toByteArray(), (int) total);
        int n = in.readNBytes(all, kept.size(), (int) length);
        return n == length ? all : Arrays.copyOf(all, kept.size() + n);
    }

    /** Copies a sequence (or UN value) of the given length, or up to its delimiter when undefined. */
    private void copyContainer(long length, boolean implicit, int depth) throws IOException, BadInputException {
        if (length != UNDEFINED) {
            copy(length);
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new BadInputException(file, "sequences are nested more than " + MAX_DEPTH + " levels deep");
        }
        while (true) {
            if (in.readNBytes(header, 0, 8) < 8) {
                return; // cut off: the parser reports where
            }
            keep(header, 8);
            int tag = tag();
            long itemLength = u32(4);
            if (tag == Tag.SEQUENCE_DELIMITATION || tag != Tag.ITEM) {
                return;
            }
            if (itemLength == UNDEFINED) {
                copyItem(implicit, depth + 1);
            } else {
                copy(itemLength);
            }
        }
    }

    /** Copies the elements of an undefined-length item up to and including its delimiter. */
    private void copyItem(boolean implicit, int depth) throws IOException, BadInputException {
        while (true) {
            if (in.readNBytes(header, 0, 8) < 8) {
                return;
            }
            if (tag() == Tag.ITEM_DELIMITATION) {
                keep(header, 8);
                return;
            }
            int headerLength = readRestOfHeader(implicit);
            long length = length(headerLength, implicit);
            keep(header, headerLength);
            if (length == UNDEFINED) {
                copyContainer(length, implicit || "UN".equals(vr()), depth);
            } else {
                copy(length);
            }
        }
    }

    /** Reads the 4 more header bytes of an explicit-VR element with a long VR; returns the header length. */
    private int readRestOfHeader(boolean implicit) throws IOException, BadInputException {
        if (implicit || !DicomParser.isLongVr(vr())) {
            return 8;
        }
        if (in.readNBytes(header, 8, 4) < 4) {
            throw new BadInputException(file, "the deflated data set ends in the middle of an attribute header");
        }
        return 12;
    }

    private long length(int headerLength, boolean implicit) {
        if (implicit || headerLength == 12) {
            return u32(headerLength - 4);
        }
        return (header[6] & 0xFF) | ((header[7] & 0xFF) << 8);
    }

    private void keep(byte[] bytes, int n) throws BadInputException {
        if (kept.size() + (long) n > MAX_ATTRIBUTE_BYTES) {
            throw new BadInputException(file, "its attributes inflate to more than " + (MAX_ATTRIBUTE_BYTES >> 20)
                    + " MB besides the image (a decompression bomb?)");
        }
        kept.write(bytes, 0, n);
    }

    private void copy(long length) throws IOException, BadInputException {
        byte[] chunk = new byte[(int) Math.min(length, 64 * 1024)];
        long left = length;
        while (left > 0) {
            int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
            keep(chunk, n);
            if (n == 0) {
                return;
            }
            left -= n;
        }
    }

    private void skip(long length) throws IOException, BadInputException {
        skipped += length;
        if (skipped > MAX_SKIPPED_BYTES) {
            throw new BadInputException(file, "its deflated data set inflates to more than "
                    + (MAX_SKIPPED_BYTES >> 30) + " GB besides the image (a decompression bomb?)");
        }
        byte[] chunk = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                return; // cut off: the parser finds the data set ends early or not at all
            }
            left -= n;
        }
    }

    private int tag() {
        return ((header[0] & 0xFF) | (header[1] & 0xFF) << 8) << 16 | (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
    }

    private long u32(int at) {
        return (header[at] & 0xFFL) | (header[at + 1] & 0xFFL) << 8 | (header[at + 2] & 0xFFL) << 16
                | (header[at + 3] & 0xFFL) << 24;
    }

    private String vr() {
        return new String(new char[] {(char) header[4], (char) header[5]});
    }

    /** Treats a stream that stops without deflate's end marker as ended, as the parser always has. */
    private static final class LenientInflaterStream extends InflaterInputStream {
        LenientInflaterStream(InputStream in, Inflater inflater) {
            super(in, inflater, 64 * 1024);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (EOFException e) {
                return -1;
            }
        }
    }
}
