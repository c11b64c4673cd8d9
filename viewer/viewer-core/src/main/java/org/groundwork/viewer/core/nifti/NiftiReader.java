package org.groundwork.viewer.core.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.MemoryBudget;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.io.ContentKeys;
import org.groundwork.viewer.core.io.SeriesSummary;

/**
 * Reads NIfTI-1 and NIfTI-2 files, plain or gzipped. Voxels stay in their stored type; a 4D file
 * becomes one volume per time point. The RAS affine of the file is converted to LPS here and
 * nowhere else.
 */
public final class NiftiReader {
    /** Deflate cannot compress better than about 1032:1; a header claiming more data is lying. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    private static final int CHUNK = 3 << 20; // a multiple of every voxel size, 1 to 8 bytes and 3 (RGB)

    private NiftiReader() {
    }

    /** True for names ending in .nii or .nii.gz. */
    public static boolean isNiftiName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".nii") || name.endsWith(".nii.gz");
    }

    /** Header facts and a content key, without reading the voxels. */
    public static SeriesSummary summarize(Path file) throws BadInputException {
        return withHeader(file, (header, in, size, gzipped) -> new SeriesSummary(List.of(file),
                "NIfTI-" + header.version(), "", "", "",
                header.description() + (header.dims()[3] > 1 ? " (" + header.dims()[3] + " volumes)" : ""), "",
                (int) header.dims()[0], (int) header.dims()[1], (int) header.dims()[2],
                ContentKeys.of(header.raw(), size)));
    }

    public static List<Volume> read(Path file) throws BadInputException {
        return withHeader(file, (header, in, fileSize, gzipped) -> {
            long dataBytes = Math.multiplyExact(Math.multiplyExact(header.voxelsPerVolume(), header.dims()[3]),
                    header.bytesPerVoxel());
            long limit = gzipped ? fileSize * MAX_DEFLATE_RATIO : fileSize - header.voxOffset();
            if (dataBytes > limit) {
                throw new BadInputException(file, gzipped
                        ? "the header claims " + dataBytes + " bytes of voxels, more than this compressed file can hold"
                        : "the file is truncated: it holds " + Math.max(0, limit) + " of the " + dataBytes
                        + " bytes of voxels the header describes");
            }
            MemoryBudget.require(file, header.voxelsPerVolume() * header.dims()[3] * header.voxelType().bytes(), "the image");
            return readVolumes(in, header, file, gzipped);
        });
    }

    private interface HeaderUse<T> {
        T use(NiftiHeader header, InputStream in, long fileSize, boolean gzipped) throws IOException, BadInputException;
    }

    /** Opens the file, parses its header and hands the stream, positioned at the voxels, to {@code use}. */
    private static <T> T withHeader(Path file, HeaderUse<T> use) throws BadInputException {
        try {
            long fileSize = Files.size(file);
            if (fileSize == 0) {
                throw new BadInputException(file, "the file is empty");
            }
            boolean gzipped = isGzip(file);
            try (InputStream in = open(file, gzipped)) {
                return use.use(readHeader(in, file), in, fileSize, gzipped);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file, "permission denied");
        } catch (EOFException e) {
            throw new BadInputException(file, "the file is truncated: it ends before the last voxel");
        } catch (ZipException e) {
            throw new BadInputException(file, "the gzip stream is corrupt (" + e.getMessage() + ")");
        } catch (ArithmeticException e) {
            throw new BadInputException(file, "the header describes more voxels than can be counted");
        } catch (IOException e) {
            throw new BadInputException(file, "could not be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }

    private static InputStream open(Path file, boolean gzipped) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return gzipped ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
    }

    private static NiftiHeader readHeader(InputStream in, Path file) throws IOException, BadInputException {
        byte[] head = new byte[NiftiHeader.NIFTI2_SIZE];
        int n = in.readNBytes(head, 0, 4);
        if (n < 4) {
            throw new BadInputException(file, "too short to be a NIfTI file");
        }
        int le = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int be = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        int size = le == NiftiHeader.NIFTI2_SIZE || be == NiftiHeader.NIFTI2_SIZE ? NiftiHeader.NIFTI2_SIZE
                : NiftiHeader.NIFTI1_SIZE;
        n += in.readNBytes(head, 4, size - 4);
        NiftiHeader header = NiftiHeader.parse(head, n, file);
        long skip = header.voxOffset() - size;
        if (skip > 0) {
            in.skipNBytes(skip);
        }
        return header;
    }

    private static List<Volume> readVolumes(InputStream in, NiftiHeader h, Path file, boolean gzipped)
            throws IOException {
        int nx = (int) h.dims()[0], ny = (int) h.dims()[1], nz = (int) h.dims()[2];
        int count = (int) h.dims()[3];
        List<Volume> volumes = new ArrayList<>(count);
        byte[] chunk = new byte[(int) Math.min(CHUNK, h.voxelsPerVolume() * h.bytesPerVoxel())];
        String encoding = NiftiHeader.datatypeName(h.datatype()) + (gzipped ? ", gzip" : "");
        for (int t = 0; t < count; t++) {
            VoxelData data = VoxelData.allocate(h.voxelType(), h.voxelsPerVolume());
            long remaining = h.voxelsPerVolume() * h.bytesPerVoxel();
            int voxel = 0;
            while (remaining > 0) {
                int n = (int) Math.min(chunk.length, remaining);
                if (in.readNBytes(chunk, 0, n) < n) {
                    throw new EOFException();
                }
                voxel += VoxelDecoding.decode(chunk, n, h, data, voxel);
                remaining -= n;
            }
            String description = h.description() + (count > 1 ? " (volume " + (t + 1) + " of " + count + ")" : "");
            VolumeInfo info = new VolumeInfo(file.toString(), "NIfTI-" + h.version(), encoding, "", "", "", "", "",
                    description.trim(), "", "", Double.NaN, Double.NaN, false);
            volumes.add(new Volume(nx, ny, nz, data, h.affineRas().flipXY(), h.slope(), h.intercept(), info, List.of()));
        }
        return volumes;
    }
}
