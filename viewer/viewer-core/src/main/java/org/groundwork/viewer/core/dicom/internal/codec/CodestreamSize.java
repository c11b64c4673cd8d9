package org.groundwork.viewer.core.dicom.internal.codec;

/** Reads the image size a JPEG or JPEG 2000 codestream declares, without decoding it. */
final class CodestreamSize {
    private CodestreamSize() {
    }

    /** {width, height, SOF marker, sample precision} from the first SOFn marker, or null. */
    static int[] jpeg(byte[] b) {
        int i = 2;
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return null;
        }
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = u16(b, i + 2);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                return i + 9 <= b.length ? new int[] {u16(b, i + 7), u16(b, i + 5), marker, b[i + 4] & 0xFF} : null;
            }
            if (length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    /**
     * {width, height} from the SIZ marker that follows SOC, or null. Some writers wrap the codestream
     * in a JP2 file; then the codestream is looked for in the first boxes.
     */
    static int[] jpeg2000(byte[] b) {
        int start = -1;
        for (int i = 0; i + 4 <= Math.min(b.length, 1 << 16); i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0x4F && (b[i + 2] & 0xFF) == 0xFF && (b[i + 3] & 0xFF) == 0x51) {
                start = i;
                break;
            }
        }
        if (start < 0 || b.length < start + 24) {
            return null;
        }
        long xsiz = u32(b, start + 8), ysiz = u32(b, start + 12), xosiz = u32(b, start + 16), yosiz = u32(b, start + 20);
        long w = xsiz - xosiz, h = ysiz - yosiz;
        return w > 0 && h > 0 && w <= Integer.MAX_VALUE && h <= Integer.MAX_VALUE ? new int[] {(int) w, (int) h} : null;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }
}
