package org.groundwork.viewer.core.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.VoxelType;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that Groundwork uses, validated.
 *
 * @param dims sizes along x, y, z and the number of 3D volumes (t and higher dimensions together)
 * @param affineRas voxel index to RAS+ millimetres: sform if set, else qform, else the scaled
 *     default that nibabel uses
 */
record NiftiHeader(int version, ByteOrder order, long[] dims, int datatype, int bitpix, long voxOffset,
                   double slope, double intercept, Affine affineRas, String description, byte[] raw) {
    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;

    long voxelsPerVolume() {
        return dims[0] * dims[1] * dims[2];
    }

    int bytesPerVoxel() {
        return bitpix / 8;
    }

    /** How Groundwork stores this datatype. */
    VoxelType voxelType() {
        return switch (datatype) {
            case 2 -> VoxelType.UINT8;
            case 4, 256 -> VoxelType.INT16; // int8 widens to int16
            case 512 -> VoxelType.UINT16;
            case 8 -> VoxelType.INT32;
            case 16 -> VoxelType.FLOAT32;
            case 128 -> VoxelType.RGB24;
            default -> VoxelType.FLOAT64; // float64, uint32, int64, uint64
        };
    }

    static String datatypeName(int datatype) {
        return switch (datatype) {
            case 2 -> "uint8";
            case 4 -> "int16";
            case 8 -> "int32";
            case 16 -> "float32";
            case 64 -> "float64";
            case 128 -> "rgb24";
            case 256 -> "int8";
            case 512 -> "uint16";
            case 768 -> "uint32";
            case 1024 -> "int64";
            case 1280 -> "uint64";
            default -> "datatype " + datatype;
        };
    }

    private static int expectedBitpix(int datatype) {
        return switch (datatype) {
            case 2, 256 -> 8;
            case 4, 512 -> 16;
            case 8, 16, 768 -> 32;
            case 64, 1024, 1280 -> 64;
            case 128 -> 24;
            default -> -1;
        };
    }

    /** Parses the first bytes of a file (at least 540 when available). */
    static NiftiHeader parse(byte[] head, int length, Path file) throws BadInputException {
        if (length < 4) {
            throw new BadInputException(file, "too short to be a NIfTI file (" + length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getInt(0);
        if (size != NIFTI1_SIZE && size != NIFTI2_SIZE) {
            b.order(ByteOrder.BIG_ENDIAN);
            size = b.getInt(0);
        }
        if (size == NIFTI1_SIZE) {
            return parse1(b, length, file, java.util.Arrays.copyOf(head, Math.min(length, NIFTI1_SIZE)));
        }
        if (size == NIFTI2_SIZE) {
            return parse2(b, length, file, java.util.Arrays.copyOf(head, Math.min(length, NIFTI2_SIZE)));
        }
        throw new BadInputException(file, "not a NIfTI file (header size field is neither 348 nor 540)");
    }

    private static NiftiHeader parse1(ByteBuffer b, int length, Path file, byte[] raw) throws BadInputException {
        if (length < NIFTI1_SIZE) {
            throw new BadInputException(file, "the NIfTI-1 header is truncated (" + length + " of 348 bytes)");
        }
        String magic = ascii(b, 344, 4);
        if (!magic.equals("n+1") && !magic.equals("ni1")) {
            throw new BadInputException(file, "not a NIfTI-1 file (magic is not n+1); ANALYZE 7.5 is not supported");
        }
        if (magic.equals("ni1")) {
            throw new BadInputException(file, "split .hdr/.img NIfTI pairs are not supported; convert to .nii");
        }
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        int datatype = b.getShort(70);
        int bitpix = b.getShort(72);
        long voxOffset = (long) b.getFloat(108);
        double slope = b.getFloat(112);
        double inter = b.getFloat(116);
        int qformCode = b.getShort(252);
        int sformCode = b.getShort(254);
        double[] quatern = {b.getFloat(256), b.getFloat(260), b.getFloat(264)};
        double[] qoffset = {b.getFloat(268), b.getFloat(272), b.getFloat(276)};
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getFloat(280 + 4 * i);
        }
        return build(1, b.order(), dim, pixdim, datatype, bitpix, voxOffset, NIFTI1_SIZE + 4, slope, inter,
                qformCode, sformCode, quatern, qoffset, srow, ascii(b, 148, 80), raw, file);
    }

    private static NiftiHeader parse2(ByteBuffer b, int length, Path file, byte[] raw) throws BadInputException {
        if (length < NIFTI2_SIZE) {
            throw new BadInputException(file, "the NIfTI-2 header is truncated (" + length + " of 540 bytes)");
        }
        if (!ascii(b, 4, 4).equals("n+2")) {
            throw new BadInputException(file, "not a NIfTI-2 file (magic is not n+2)");
        }
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getLong(16 + 8 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getDouble(104 + 8 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getDouble(400 + 8 * i);
        }
        return build(2, b.order(), dim, pixdim, b.getShort(12), b.getShort(14), b.getLong(168), NIFTI2_SIZE + 4,
                b.getDouble(176), b.getDouble(184), b.getInt(344), b.getInt(348),
                new double[] {b.getDouble(352), b.getDouble(360), b.getDouble(368)},
                new double[] {b.getDouble(376), b.getDouble(384), b.getDouble(392)}, srow, ascii(b, 240, 80), raw, file);
    }

    private static NiftiHeader build(int version, ByteOrder order, long[] dim, double[] pixdim, int datatype,
                                     int bitpix, long voxOffset, int minOffset, double slope, double inter,
                                     int qformCode, int sformCode, double[] quatern, double[] qoffset,
                                     double[] srow, String description, byte[] raw, Path file) throws BadInputException {
        int rank = (int) dim[0];
        if (rank < 1 || rank > 7) {
            throw new BadInputException(file, "invalid number of dimensions " + rank);
        }
        long[] dims = {1, 1, 1, 1};
        for (int i = 1; i <= rank; i++) {
            if (dim[i] < 1) {
                throw new BadInputException(file, "dimension " + i + " has invalid size " + dim[i]);
            }
            if (i <= 3) {
                dims[i - 1] = dim[i];
            } else {
                dims[3] = Math.multiplyExact(dims[3], dim[i]);
            }
        }
        if (dims[0] > Integer.MAX_VALUE || dims[1] > Integer.MAX_VALUE || dims[2] > Integer.MAX_VALUE
                || dims[0] * dims[1] > Integer.MAX_VALUE / Math.max(1, dims[2])) {
            throw new BadInputException(file, "a volume of " + dims[0] + " x " + dims[1] + " x " + dims[2]
                    + " voxels is larger than supported");
        }
        int expected = expectedBitpix(datatype);
        if (expected < 0) {
            throw new BadInputException(file, "unsupported NIfTI datatype " + datatype
                    + " (complex and RGBA images are not supported)");
        }
        if (bitpix != expected) {
            throw new BadInputException(file, "bitpix " + bitpix + " does not match datatype "
                    + datatypeName(datatype) + " (" + expected + " bits)");
        }
        if (voxOffset < minOffset - 4 || voxOffset < 0) {
            throw new BadInputException(file, "the voxel offset " + voxOffset + " lies inside the header");
        }
        boolean scaled = Double.isFinite(slope) && slope != 0;
        Affine affine = sformCode > 0 && finite(srow)
                ? Affine.of(srow[0], srow[1], srow[2], srow[3], srow[4], srow[5], srow[6], srow[7],
                        srow[8], srow[9], srow[10], srow[11], 0, 0, 0, 1)
                : qformCode > 0 ? quaternionAffine(quatern, qoffset, pixdim) : defaultAffine(dims, pixdim);
        return new NiftiHeader(version, order, dims, datatype, bitpix, voxOffset, scaled ? slope : 1.0,
                scaled && Double.isFinite(inter) ? inter : 0.0, affine, description, raw);
    }

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double zoom(double[] pixdim, int i) {
        double z = Math.abs(pixdim[i]);
        return Double.isFinite(z) && z > 0 ? z : 1.0;
    }

    /** NIfTI "method 2": rotation from the quaternion, qfac = pixdim[0] flips the third axis. */
    static Affine quaternionAffine(double[] q, double[] offset, double[] pixdim) {
        double b = q[0], c = q[1], d = q[2];
        double a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
        double qfac = pixdim[0] < 0 ? -1 : 1;
        double x = zoom(pixdim, 1), y = zoom(pixdim, 2), z = zoom(pixdim, 3) * qfac;
        return Affine.of(
                (a * a + b * b - c * c - d * d) * x, 2 * (b * c - a * d) * y, 2 * (b * d + a * c) * z, offset[0],
                2 * (b * c + a * d) * x, (a * a + c * c - b * b - d * d) * y, 2 * (c * d - a * b) * z, offset[1],
                2 * (b * d - a * c) * x, 2 * (c * d + a * b) * y, (a * a + d * d - c * c - b * b) * z, offset[2],
                0, 0, 0, 1);
    }

    /** Neither form set: nibabel's default, x flipped and the volume centred on the origin. */
    private static Affine defaultAffine(long[] dims, double[] pixdim) {
        double x = zoom(pixdim, 1), y = zoom(pixdim, 2), z = zoom(pixdim, 3);
        return Affine.of(-x, 0, 0, (dims[0] - 1) / 2.0 * x,
                0, y, 0, -(dims[1] - 1) / 2.0 * y,
                0, 0, z, -(dims[2] - 1) / 2.0 * z,
                0, 0, 0, 1);
    }

    private static String ascii(ByteBuffer b, int at, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            byte c = b.get(at + i);
            if (c == 0) {
                break;
            }
            s.append((char) (c & 0xFF));
        }
        return s.toString().trim();
    }
}
