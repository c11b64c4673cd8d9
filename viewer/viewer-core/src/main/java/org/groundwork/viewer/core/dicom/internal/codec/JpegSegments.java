package org.groundwork.viewer.core.dicom.internal.codec;

import java.nio.file.Path;
import org.groundwork.viewer.core.BadInputException;

/** What both JPEG decoders read the same way: bytes, markers and Huffman table segments (T.81 B.2). */
abstract class JpegSegments {
    /** Receives one Huffman table of a DHT segment: class and id byte, code counts by length, values. */
    interface HuffmanTableSink {
        void table(int classAndId, int[] counts, int[] values);
    }

    /** A decoding that reads {@code data}. */
    interface Decoding {
        DecodedImage run() throws BadInputException;
    }

    /** Runs a decoding; reading past the end of damaged data becomes a message naming the file. */
    static DecodedImage guarded(Path file, Decoding decoding) throws BadInputException {
        try {
            return decoding.run();
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new BadInputException(file, "the compressed JPEG frame is damaged (" + e.getMessage() + ")");
        }
    }

    protected final byte[] data;
    protected final Path file;
    protected int pos;

    protected JpegSegments(byte[] data, Path file) {
        this.data = data;
        this.file = file;
    }

    protected BadInputException bad(String reason) {
        return new BadInputException(file, "the compressed JPEG frame " + reason);
    }

    protected int u8() throws BadInputException {
        if (pos >= data.length) {
            throw bad("ends early (truncated?)");
        }
        return data[pos++] & 0xFF;
    }

    protected int u16() throws BadInputException {
        return (u8() << 8) | u8();
    }

    protected void expectStartOfImage() throws BadInputException {
        if (u16() != 0xFFD8) {
            throw bad("does not start with a JPEG start-of-image marker");
        }
    }

    protected int nextMarker() throws BadInputException {
        int b = u8();
        while (b != 0xFF) {
            b = u8(); // tolerate garbage between segments
        }
        int marker = u8();
        while (marker == 0xFF) {
            marker = u8();
        }
        return marker;
    }

    /** SOF0 to SOF15, the frame headers of the JPEG processes (C4, C8 and CC are other markers). */
    protected static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Skips a segment this decoder does not need (APPn, COM and others), after its marker. */
    protected void skipSegment() throws BadInputException {
        int length = u16();
        pos += length - 2;
    }

    protected void readHuffmanTables(HuffmanTableSink sink) throws BadInputException {
        int end = pos - 2 + u16();
        while (pos < end) {
            int tc = u8();
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = u8();
                total += counts[i];
            }
            if (total > 256) {
                throw bad("has a Huffman table with " + total + " codes");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8();
            }
            sink.table(tc, counts, values);
        }
    }
}
