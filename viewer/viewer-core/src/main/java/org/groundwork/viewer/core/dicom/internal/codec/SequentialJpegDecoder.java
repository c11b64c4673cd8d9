package org.groundwork.viewer.core.dicom.internal.codec;

import java.nio.file.Path;
import org.groundwork.viewer.core.BadInputException;

/**
 * Decodes sequential DCT JPEG with Huffman coding (ITU T.81 processes 1, 2 and 4: SOF0 and SOF1),
 * at 8 or 12 bits of precision, any sampling factors, interleaved or not, with restart intervals.
 * Written for 12-bit "JPEG Extended" DICOM images, which the JDK's and TwelveMonkeys' readers do
 * not decode. Samples are returned per component, without colour conversion; subsampled
 * components are replicated to full size.
 */
final class SequentialJpegDecoder extends JpegSegments {
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63};
    /** cos((2x + 1) u pi / 16) * C(u) / 2, indexed [x][u]. */
    private static final double[][] IDCT = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double c = u == 0 ? Math.sqrt(0.5) : 1.0;
                IDCT[x][u] = c * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
            }
        }
    }

    private static final class Component {
        int id;
        int h;
        int v;
        int quantTable;
        int dcTable;
        int acTable;
        int blocksWide;
        int blocksHigh;
        int[] samples; // blocksWide * 8 by blocksHigh * 8
        int predictor;
    }

    /** Canonical Huffman table as code-length lookup (T.81 Annex C/F). */
    private static final class Huffman {
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
                code += counts[length - 1];
                k += counts[length - 1];
                maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    private final int[][] quant = new int[4][];
    private final Huffman[] dc = new Huffman[4];
    private final Huffman[] ac = new Huffman[4];
    private Component[] components;
    private int precision;
    private int width;
    private int height;
    private int hMax;
    private int vMax;
    private int restartInterval;
    // bit reader state
    private int bitBuffer;
    private int bitCount;
    private boolean hitMarker;

    private SequentialJpegDecoder(byte[] data, Path file) {
        super(data, file);
    }

    static DecodedImage decode(byte[] data, Path file) throws BadInputException {
        return guarded(file, () -> new SequentialJpegDecoder(data, file).run());
    }

    private DecodedImage run() throws BadInputException {
        expectStartOfImage();
        boolean frameSeen = false;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xD9 -> {
                    if (!frameSeen) {
                        throw bad("has no image");
                    }
                    return output();
                }
                case 0xDB -> readQuantTables();
                case 0xC4 -> readHuffmanTables((tc, counts, values) -> {
                    if ((tc >> 4) == 0) {
                        dc[tc & 3] = new Huffman(counts, values);
                    } else {
                        ac[tc & 3] = new Huffman(counts, values);
                    }
                });
                case 0xDD -> {
                    u16();
                    restartInterval = u16();
                }
                case 0xC0, 0xC1 -> {
                    readFrame();
                    frameSeen = true;
                }
                case 0xDA -> {
                    if (!frameSeen) {
                        throw bad("has a scan before its frame header");
                    }
                    readScan();
                    if (pos >= data.length) {
                        return output(); // some writers omit the end-of-image marker
                    }
                }
                default -> {
                    if (isStartOfFrame(marker)) { // SOF0 and SOF1 are handled above
                        throw bad("uses JPEG process SOF" + (marker - 0xC0) + ", which is not supported");
                    }
                    skipSegment();
                }
            }
        }
    }

    private void readQuantTables() throws BadInputException {
        int end = pos - 2 + u16();
        while (pos < end) {
            int pq = u8();
            int table = pq & 3;
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = (pq >> 4) == 0 ? u8() : u16();
            }
            quant[table] = q;
        }
    }

    private void readFrame() throws BadInputException {
        u16();
        precision = u8();
        if (precision != 8 && precision != 12) {
            throw bad("has " + precision + "-bit samples; DCT JPEG has 8 or 12");
        }
        height = u16();
        width = u16();
        int count = u8();
        if (width == 0 || height == 0 || count == 0 || count > 4) {
            throw bad("has an invalid frame header");
        }
        components = new Component[count];
        for (int i = 0; i < count; i++) {
            Component c = new Component();
            c.id = u8();
            int hv = u8();
            c.h = Math.max(1, hv >> 4);
            c.v = Math.max(1, hv & 15);
            c.quantTable = u8() & 3;
            components[i] = c;
            hMax = Math.max(hMax, c.h);
            vMax = Math.max(vMax, c.v);
        }
        int mcusWide = ceilDiv(width, 8 * hMax);
        int mcusHigh = ceilDiv(height, 8 * vMax);
        for (Component c : components) {
            c.blocksWide = mcusWide * c.h;
            c.blocksHigh = mcusHigh * c.v;
            c.samples = new int[c.blocksWide * 8 * c.blocksHigh * 8];
        }
    }

    private void readScan() throws BadInputException {
        u16();
        int count = u8();
        Component[] scan = new Component[count];
        for (int i = 0; i < count; i++) {
            int id = u8();
            int tables = u8();
            for (Component c : components) {
                if (c.id == id) {
                    scan[i] = c;
                }
            }
            if (scan[i] == null) {
                throw bad("has a scan for an unknown component " + id);
            }
            scan[i].dcTable = tables >> 4 & 3;
            scan[i].acTable = tables & 3;
            if (dc[scan[i].dcTable] == null || ac[scan[i].acTable] == null || quant[scan[i].quantTable] == null) {
                throw bad("uses a Huffman or quantization table it never defines");
            }
            scan[i].predictor = 0;
        }
        pos += 3; // Ss, Se, Ah/Al: fixed for sequential DCT
        bitCount = 0;
        hitMarker = false;
        int[] block = new int[64];
        if (count == 1) {
            // Non-interleaved: the component's own blocks, in raster order over its real extent.
            Component c = scan[0];
            int wide = ceilDiv(ceilDiv(width * c.h, hMax), 8);
            int high = ceilDiv(ceilDiv(height * c.v, vMax), 8);
            int n = 0;
            for (int by = 0; by < high; by++) {
                for (int bx = 0; bx < wide; bx++) {
                    restartIfDue(n++, scan);
                    decodeBlock(c, block, bx, by);
                }
            }
        } else {
            int mcusWide = ceilDiv(width, 8 * hMax);
            int mcusHigh = ceilDiv(height, 8 * vMax);
            int n = 0;
            for (int my = 0; my < mcusHigh; my++) {
                for (int mx = 0; mx < mcusWide; mx++) {
                    restartIfDue(n++, scan);
                    for (Component c : scan) {
                        for (int y = 0; y < c.v; y++) {
                            for (int x = 0; x < c.h; x++) {
                                decodeBlock(c, block, mx * c.h + x, my * c.v + y);
                            }
                        }
                    }
                }
            }
        }
        skipToMarker();
    }

    private void restartIfDue(int unit, Component[] scan) throws BadInputException {
        if (restartInterval > 0 && unit > 0 && unit % restartInterval == 0) {
            skipToMarker();
            if (pos + 1 < data.length && (data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xF8) == 0xD0) {
                pos += 2;
            }
            bitCount = 0;
            hitMarker = false;
            for (Component c : scan) {
                c.predictor = 0;
            }
        }
    }

    /** Moves to the next marker that is not byte stuffing. */
    private void skipToMarker() {
        bitCount = 0;
        while (pos + 1 < data.length && !((data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) != 0)) {
            pos++;
        }
    }

    private int bit() {
        if (bitCount == 0) {
            int b = 0;
            if (!hitMarker && pos < data.length) {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0;
                    if (next == 0) {
                        pos += 2;
                    } else {
                        hitMarker = true; // a marker ends the entropy-coded data: feed zeros
                        b = 0;
                    }
                } else {
                    pos++;
                }
            }
            bitBuffer = b;
            bitCount = 8;
        }
        bitCount--;
        return (bitBuffer >> bitCount) & 1;
    }

    private int receive(int bits) {
        int v = 0;
        for (int i = 0; i < bits; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    private static int extend(int v, int bits) {
        return bits == 0 ? 0 : v < (1 << (bits - 1)) ? v - (1 << bits) + 1 : v;
    }

    private int decodeSymbol(Huffman table) throws BadInputException {
        int code = bit();
        int length = 1;
        while (code > table.maxCode[length]) {
            code = (code << 1) | bit();
            length++;
            if (length > 16) {
                throw bad("has a corrupt Huffman code");
            }
        }
        int index = table.valPtr[length] + code - table.minCode[length];
        if (index < 0 || index >= table.values.length) {
            throw bad("has a corrupt Huffman code");
        }
        return table.values[index];
    }

    private void decodeBlock(Component c, int[] coefficients, int bx, int by) throws BadInputException {
        java.util.Arrays.fill(coefficients, 0);
        int[] q = quant[c.quantTable];
        int t = decodeSymbol(dc[c.dcTable]);
        if (t > 16) {
            throw bad("has a corrupt DC coefficient");
        }
        c.predictor += extend(receive(t), t);
        coefficients[0] = c.predictor * q[0];
        Huffman acTable = ac[c.acTable];
        for (int k = 1; k < 64; ) {
            int rs = decodeSymbol(acTable);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) {
                    break; // end of block
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw bad("has a corrupt AC coefficient run");
            }
            coefficients[ZIGZAG[k]] = extend(receive(s), s) * q[k];
            k++;
        }
        if (bx < c.blocksWide && by < c.blocksHigh) {
            inverseDct(coefficients, c, bx * 8, by * 8);
        }
    }

    private void inverseDct(int[] f, Component c, int x0, int y0) {
        double[] rows = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 8; x++) {
                double s = 0;
                for (int u = 0; u < 8; u++) {
                    s += IDCT[x][u] * f[v * 8 + u];
                }
                rows[v * 8 + x] = s;
            }
        }
        int shift = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        int stride = c.blocksWide * 8;
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                double s = 0;
                for (int v = 0; v < 8; v++) {
                    s += IDCT[y][v] * rows[v * 8 + x];
                }
                int value = (int) Math.round(s) + shift;
                c.samples[(y0 + y) * stride + x0 + x] = value < 0 ? 0 : Math.min(value, max);
            }
        }
    }

    private DecodedImage output() {
        int bands = components.length;
        int[] samples = new int[width * height * bands];
        for (int b = 0; b < bands; b++) {
            Component c = components[b];
            int stride = c.blocksWide * 8;
            for (int y = 0; y < height; y++) {
                int sy = y * c.v / vMax;
                for (int x = 0; x < width; x++) {
                    samples[(y * width + x) * bands + b] = c.samples[sy * stride + x * c.h / hMax];
                }
            }
        }
        return new DecodedImage(width, height, bands, samples);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
