package org.groundwork.viewer.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes byte planes as DICOM RLE (PackBits) frames, with both literal and repeat runs. */
public final class RleEncoder {
    private RleEncoder() {
    }

    /** {@code planes[s]} is segment s: for each sample, most significant byte first. */
    public static byte[] frame(byte[]... planes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(planes.length);
        for (byte[] plane : planes) {
            header.putInt(64 + body.size());
            byte[] segment = packBits(plane);
            body.writeBytes(segment);
            if (segment.length % 2 == 1) {
                body.write(0); // segments are padded to even length
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] packBits(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int run = 1;
            while (i + run < in.length && run < 128 && in[i + run] == in[i]) {
                run++;
            }
            if (run >= 3) {
                out.write(1 - run);
                out.write(in[i]);
                i += run;
            } else {
                int start = i;
                int count = 0;
                while (i < in.length && count < 128
                        && !(i + 2 < in.length && in[i] == in[i + 1] && in[i] == in[i + 2])) {
                    i++;
                    count++;
                }
                out.write(count - 1);
                out.write(in, start, count);
            }
        }
        return out.toByteArray();
    }
}
