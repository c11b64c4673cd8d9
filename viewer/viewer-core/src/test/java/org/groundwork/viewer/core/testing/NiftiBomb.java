package org.groundwork.viewer.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A gzipped 4D NIfTI whose header declares more voxels than a heap can hold, with enough
 * incompressible bytes behind it to pass a compression-ratio check: what a lying header looks like.
 */
public final class NiftiBomb {
    public static final int NX = 256;
    public static final int NY = 256;
    public static final int NZ = 128;
    /** Bytes of one int16 time point. */
    public static final long VOLUME_BYTES = 2L * NX * NY * NZ;

    private NiftiBomb() {
    }

    /** Writes a header of {@code timePoints} int16 volumes; returns the bytes it declares. */
    public static long write(Path file, int timePoints) throws IOException {
        long declared = VOLUME_BYTES * timePoints;
        Random random = new Random(1);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header(timePoints));
            for (long left = declared / 1000; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return declared;
    }

    /** Enough time points to declare one and a half times the heap of this JVM. */
    public static int timePointsBeyondTheHeap() {
        return (int) (Runtime.getRuntime().maxMemory() * 3 / 2 / VOLUME_BYTES) + 1;
    }

    private static byte[] header(int timePoints) {
        ByteBuffer b = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        short[] dim = {4, NX, NY, NZ, (short) timePoints, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        b.putShort(70, (short) 4); // int16
        b.putShort(72, (short) 16);
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, 1f);
        }
        b.putFloat(108, 352f);
        b.put(344, new byte[] {'n', '+', '1', 0});
        return b.array();
    }
}
