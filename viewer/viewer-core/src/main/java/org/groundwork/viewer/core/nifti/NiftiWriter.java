package org.groundwork.viewer.core.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.Workers;

/**
 * Writes a volume as NIfTI-1 {@code .nii.gz}: the LPS affine converted to RAS exactly, in both sform
 * and (where the affine has no shear) qform, stored values with their scaling. The gzip stream is
 * made of independently compressed members so that all cores compress at once; every gzip reader
 * (nibabel, FSL, ITK, zcat) reads such a file as one stream. The file appears only when complete.
 */
public final class NiftiWriter {
    private static final int VOXELS_PER_MEMBER = 4 << 20;
    private static final short NIFTI_UNITS_MM_SEC = 2 | 8;

    private NiftiWriter() {
    }

    public static void write(Volume volume, Path target) throws BadInputException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Not createTempFile: its owner-only permissions would carry over to the finished file.
            temp = dir.resolve("." + target.getFileName() + "." + System.nanoTime() + ".part");
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeGzipped(volume, out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException(target, "cannot be written (" + e.getMessage() + ")", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }

    private static void writeGzipped(Volume v, OutputStream out) throws IOException {
        List<Future<byte[]>> members = new ArrayList<>();
        members.add(Workers.io().submit(() -> gzipMember(header(v))));
        long voxels = v.voxelCount();
        for (long start = 0; start < voxels; start += VOXELS_PER_MEMBER) {
            int from = (int) start;
            int to = (int) Math.min(voxels, start + VOXELS_PER_MEMBER);
            members.add(Workers.io().submit(() -> gzipMember(voxelBytes(v.data(), from, to))));
        }
        try {
            for (Future<byte[]> member : members) {
                out.write(member.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** The 348-byte NIfTI-1 header plus the 4-byte empty extension flag. */
    static byte[] header(Volume v) {
        ByteBuffer b = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        b.put(38, (byte) 'r'); // "regular", as every writer sets it
        short[] dim = {3, (short) v.nx(), (short) v.ny(), (short) v.nz(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        int[] type = niftiType(v.data());
        b.putShort(70, (short) type[0]);
        b.putShort(72, (short) type[1]);
        Affine ras = v.voxelToLps().flipXY();
        double[] spacing = {ras.spacing(0), ras.spacing(1), ras.spacing(2)};
        Quaternion q = Quaternion.of(ras, spacing);
        float[] pixdim = {(float) q.qfac(), (float) spacing[0], (float) spacing[1], (float) spacing[2], 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, pixdim[i]);
        }
        b.putFloat(108, 352);
        b.putFloat(112, (float) v.slope());
        b.putFloat(116, (float) v.intercept());
        b.put(123, (byte) NIFTI_UNITS_MM_SEC);
        // descrip stays empty: readers show it as the series description, and a description could
        // carry identifying text into an exported dataset.
        b.putShort(252, (short) (q.valid() ? 1 : 0)); // qform_code: scanner anatomical
        b.putShort(254, (short) 1); // sform_code: scanner anatomical
        b.putFloat(256, (float) q.b());
        b.putFloat(260, (float) q.c());
        b.putFloat(264, (float) q.d());
        b.putFloat(268, (float) ras.get(0, 3));
        b.putFloat(272, (float) ras.get(1, 3));
        b.putFloat(276, (float) ras.get(2, 3));
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                b.putFloat(280 + 16 * r + 4 * c, (float) ras.get(r, c));
            }
        }
        b.put(344, new byte[] {'n', '+', '1', 0});
        return b.array();
    }

    /** NIfTI datatype code and bits per voxel. */
    private static int[] niftiType(VoxelData data) {
        return switch (data.type()) {
            case UINT8 -> new int[] {2, 8};
            case INT16 -> new int[] {4, 16};
            case UINT16 -> new int[] {512, 16};
            case INT32 -> new int[] {8, 32};
            case FLOAT32 -> new int[] {16, 32};
            case FLOAT64 -> new int[] {64, 64};
            case RGB24 -> new int[] {128, 24};
        };
    }

    /** Little-endian bytes of voxels [from, to). */
    static byte[] voxelBytes(VoxelData data, int from, int to) {
        int n = to - from;
        int size = data.type() == org.groundwork.viewer.core.VoxelType.RGB24 ? 3 : data.type().bytes();
        ByteBuffer b = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
        if (data instanceof VoxelData.UInt8 d) {
            b.put(d.values(), from, n);
        } else if (data instanceof VoxelData.Int16 d) {
            b.asShortBuffer().put(d.values(), from, n);
        } else if (data instanceof VoxelData.UInt16 d) {
            b.asShortBuffer().put(d.values(), from, n);
        } else if (data instanceof VoxelData.Int32 d) {
            b.asIntBuffer().put(d.values(), from, n);
        } else if (data instanceof VoxelData.Float32 d) {
            b.asFloatBuffer().put(d.values(), from, n);
        } else if (data instanceof VoxelData.Float64 d) {
            b.asDoubleBuffer().put(d.values(), from, n);
        } else if (data instanceof VoxelData.Rgb24 d) {
            for (int i = 0; i < n; i++) {
                int rgb = d.values()[from + i];
                b.put((byte) (rgb >> 16)).put((byte) (rgb >> 8)).put((byte) rgb);
            }
        }
        return b.array();
    }

    /** One complete gzip member (RFC 1952) holding {@code bytes}. */
    static byte[] gzipMember(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        out.writeBytes(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, (byte) 0xFF});
        Deflater deflater = new Deflater(1, true);
        deflater.setInput(bytes);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(bytes.length);
        out.writeBytes(trailer.array());
        return out.toByteArray();
    }
}
