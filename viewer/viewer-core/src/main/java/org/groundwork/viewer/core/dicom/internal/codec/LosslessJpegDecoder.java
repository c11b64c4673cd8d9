package org.groundwork.viewer.core.dicom.internal.codec;

import java.nio.file.Path;
import org.groundwork.viewer.core.BadInputException;

/**
 * Decodes lossless JPEG (ITU T.81 process 14, SOF3, Huffman coded): 2 to 16 bits, predictors 1 to
 * 7, point transform, restart intervals, one component or several interleaved at full resolution.
 * This is DICOM's "JPEG Lossless" (first-order prediction, SV1, is the common case). Written because
 * decoding through ImageIO spent most of its time building images and rasters around the samples;
 * here the Huffman codes are looked up by their first bits and samples go straight to an array.
 */
final class LosslessJpegDecoder extends JpegSegments {
    /** Codes up to this many bits are decoded by one table look-up. */
    private static final int LOOKUP_BITS = 10;

    /** A Huffman table: a look-up of the first bits, and T.81 Annex F's code-length search behind it. */
    private static final class Huffman {
        final int[] lookup = new int[1 << LOOKUP_BITS]; // (length << 8) | value, 0 when longer
        final int[] maxCode = new int[18];
        final int[] valPtr = new int[17];
        final int[] minCode = new int[17];
        final int[] values;

        Huffman(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int length = 1; length <= 16; length++) {
                valPtr[length] = k;
                minCode[length] = code;
                for (int n = 0; n < counts[length - 1]; n++, code++, k++) {
                    if (length <= LOOKUP_BITS) {
                        int shift = LOOKUP_BITS - length;
                        for (int fill = 0; fill < 1 << shift; fill++) {
                            lookup[(code << shift) | fill] = length << 8 | values[k];
                        }
                    }
                }
                maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    private final Huffman[] tables = new Huffman[4];
    private int precision;
    private int width;
    private int height;
    private int[] componentIds;
    private int restartInterval;
    private int[] samples;
    private boolean scanned;
    // Bit reader: the next bits of the entropy-coded data, most significant first.
    private long bitBuffer;
    private int bitCount;

    private LosslessJpegDecoder(byte[] data, Path file) {
        super(data, file);
    }

    /** The decoded frame, or null when it uses a feature this decoder leaves to ImageIO (subsampling). */
    static DecodedImage decode(byte[] data, Path file) throws BadInputException {
        return guarded(file, () -> new LosslessJpegDecoder(data, file).run());
    }

    private DecodedImage run() throws BadInputException {
        expectStartOfImage();
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xD9 -> {
                    return result();
                }
                case 0xC4 -> readHuffmanTables((tc, counts, values) -> tables[tc & 3] = new Huffman(counts, values));
                case 0xDD -> {
                    u16();
                    restartInterval = u16();
                }
                case 0xC3 -> {
                    if (!readFrame()) {
                        return null;
                    }
                }
                case 0xDA -> {
                    readScan();
                    if (pos >= data.length) {
                        return result(); // some writers omit the end-of-image marker
                    }
                }
                default -> {
                    if (isStartOfFrame(marker)) {
                        throw bad("uses JPEG process SOF" + (marker - 0xC0) + " where lossless SOF3 was expected");
                    }
                    skipSegment();
                }
            }
        }
    }

    private DecodedImage result() throws BadInputException {
        if (!scanned) {
            throw bad("has no image");
        }
        return new DecodedImage(width, height, componentIds.length, samples);
    }

    /** False when a component is subsampled (left to ImageIO). */
    private boolean readFrame() throws BadInputException {
        u16();
        precision = u8();
        height = u16();
        width = u16();
        int count = u8();
        if (precision < 2 || precision > 16 || width == 0 || height == 0 || count == 0 || count > 4) {
            throw bad("has an invalid lossless frame header (" + precision + " bits, " + width + " x " + height
                    + ", " + count + " components)");
        }
        componentIds = new int[count];
        boolean fullResolution = true;
        for (int i = 0; i < count; i++) {
            componentIds[i] = u8();
            fullResolution &= u8() == 0x11;
            u8(); // no quantization in lossless JPEG
        }
        samples = new int[width * height * count];
        return fullResolution;
    }

    private void readScan() throws BadInputException {
        if (samples == null) {
            throw bad("has a scan before its frame header");
        }
        u16();
        int count = u8();
        if (count != componentIds.length) {
            throw bad("has a scan of " + count + " of its " + componentIds.length + " components; "
                    + "only one interleaved scan is supported");
        }
        Huffman[] scanTables = new Huffman[count];
        for (int i = 0; i < count; i++) {
            if (u8() != componentIds[i]) {
                throw bad("has a scan whose components are not in frame order");
            }
            scanTables[i] = tables[u8() >> 4 & 3];
            if (scanTables[i] == null) {
                throw bad("uses a Huffman table it never defines");
            }
        }
        int predictor = u8();
        u8(); // Se: unused in lossless mode
        int pointTransform = u8() & 15;
        if (predictor < 1 || predictor > 7 || pointTransform >= precision) {
            throw bad("has predictor " + predictor + " and point transform " + pointTransform);
        }
        bitCount = 0;
        bitBuffer = 0;
        decodeSamples(scanTables, predictor, pointTransform);
        skipToMarker();
        scanned = true;
    }

    /**
     * The samples of all components, interleaved. A restart interval starts prediction over as the
     * scan's start does: its first sample from the default value, the rest of its first line from
     * the left (T.81 H.1.2.1).
     */
    private void decodeSamples(Huffman[] scanTables, int predictor, int pointTransform) throws BadInputException {
        int bands = scanTables.length;
        int mask = (1 << (precision - pointTransform)) - 1;
        int initial = 1 << (precision - pointTransform - 1);
        int unitsLeft = restartInterval > 0 ? restartInterval : Integer.MAX_VALUE;
        int restartRow = 0;
        int restartColumn = 0;
        int stride = width * bands;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (unitsLeft-- == 0) {
                    restart();
                    unitsLeft = restartInterval - 1;
                    restartRow = y;
                    restartColumn = x;
                }
                for (int b = 0, at = y * stride + x * bands; b < bands; b++, at++) {
                    int predicted;
                    if (y == restartRow) {
                        predicted = x == restartColumn ? initial : samples[at - bands];
                    } else if (x == 0) {
                        predicted = samples[at - stride];
                    } else {
                        predicted = predict(predictor, samples[at - bands], samples[at - stride],
                                samples[at - stride - bands]);
                    }
                    samples[at] = (predicted + difference(scanTables[b])) & mask;
                }
            }
        }
        if (pointTransform > 0) {
            for (int n = 0; n < samples.length; n++) {
                samples[n] <<= pointTransform;
            }
        }
    }

    private static int predict(int predictor, int a, int b, int c) {
        return switch (predictor) {
            case 1 -> a;
            case 2 -> b;
            case 3 -> c;
            case 4 -> a + b - c;
            case 5 -> a + ((b - c) >> 1);
            case 6 -> b + ((a - c) >> 1);
            default -> (a + b) >> 1;
        };
    }

    /** One Huffman-coded difference (T.81 H.1.2.2: category 16 is 32768 with no extra bits). */
    private int difference(Huffman table) throws BadInputException {
        if (bitCount < 32) {
            fill();
        }
        int peek = (int) (bitBuffer >>> (bitCount - LOOKUP_BITS)) & ((1 << LOOKUP_BITS) - 1);
        int entry = table.lookup[peek];
        int category;
        if (entry != 0) {
            bitCount -= entry >> 8;
            category = entry & 0xFF;
        } else {
            category = slowSymbol(table);
        }
        if (category == 0) {
            return 0;
        }
        if (category >= 16) {
            return 32768;
        }
        int bits = (int) (bitBuffer >>> (bitCount - category)) & ((1 << category) - 1);
        bitCount -= category;
        return bits < 1 << (category - 1) ? bits - (1 << category) + 1 : bits;
    }

    private int slowSymbol(Huffman table) throws BadInputException {
        for (int length = 1; length <= 16; length++) {
            int code = (int) (bitBuffer >>> (bitCount - length)) & ((1 << length) - 1);
            if (code <= table.maxCode[length]) {
                int index = table.valPtr[length] + code - table.minCode[length];
                if (index < 0 || index >= table.values.length) {
                    break;
                }
                bitCount -= length;
                return table.values[index];
            }
        }
        throw bad("has a corrupt Huffman code");
    }

    /** Tops the bit buffer up to at least 56 bits; past a marker or the end, zeros are fed. */
    private void fill() {
        while (bitCount <= 56) {
            int b = 0;
            if (pos < data.length) {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0;
                    if (next == 0) {
                        pos += 2; // stuffed byte
                    } else {
                        b = 0; // a marker ends the entropy-coded data; stay before it
                    }
                } else {
                    pos++;
                }
            }
            bitBuffer = bitBuffer << 8 | b;
            bitCount += 8;
        }
    }

    /** At a restart interval's end: skip to the RSTn marker and past it, with an empty bit buffer. */
    private void restart() {
        skipToMarker();
        if (pos + 1 < data.length && (data[pos + 1] & 0xF8) == 0xD0) {
            pos += 2;
        }
    }

    /** Moves to the next marker that is not byte stuffing, dropping buffered bits. */
    private void skipToMarker() {
        bitCount = 0;
        bitBuffer = 0;
        while (pos + 1 < data.length && !((data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) != 0)) {
            pos++;
        }
    }
}
