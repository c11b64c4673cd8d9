package org.groundwork.viewer.core.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NiftiRoundTripTest {
    @TempDir
    Path dir;

    /** An oblique, anisotropic LPS affine, so that any sign or axis mistake shows. */
    static final Affine OBLIQUE = Affine.of(
            0.36 * Math.cos(0.3), -0.36 * Math.sin(0.3), 0, -90,
            0.36 * Math.sin(0.3), 0.36 * Math.cos(0.3), 0, 110,
            0, 0, -0.7, 45,
            0, 0, 0, 1);

    static Volume volume(VoxelType type, int nx, int ny, int nz, Affine affine) {
        VoxelData data = VoxelData.allocate(type, (long) nx * ny * nz);
        for (int n = 0; n < data.length(); n++) {
            int v = (n * 37) % 251 - (type == VoxelType.INT16 || type == VoxelType.INT32 || type == VoxelType.FLOAT32
                    || type == VoxelType.FLOAT64 ? 100 : 0);
            if (data instanceof VoxelData.UInt8 d) {
                d.values()[n] = (byte) v;
            } else if (data instanceof VoxelData.Int16 d) {
                d.values()[n] = (short) (v * 100);
            } else if (data instanceof VoxelData.UInt16 d) {
                d.values()[n] = (short) (v * 250);
            } else if (data instanceof VoxelData.Int32 d) {
                d.values()[n] = v * 100000;
            } else if (data instanceof VoxelData.Float32 d) {
                d.values()[n] = v * 0.25f;
            } else if (data instanceof VoxelData.Float64 d) {
                d.values()[n] = v * 1e-3;
            } else if (data instanceof VoxelData.Rgb24 d) {
                d.values()[n] = (v << 16) | ((255 - v) << 8) | (n & 0xFF);
            }
        }
        return new Volume(nx, ny, nz, data, affine, 1, 0, VolumeInfo.of("test", "test", "test"), List.of());
    }

    @ParameterizedTest
    @EnumSource(VoxelType.class)
    void everyVoxelTypeRoundTripsWithTheExactAffine(VoxelType type) throws Exception {
        Volume original = volume(type, 5, 4, 3, OBLIQUE);
        Path file = dir.resolve("v.nii.gz");
        NiftiWriter.write(original, file);
        List<Volume> read = NiftiReader.read(file);
        assertEquals(1, read.size());
        Volume back = read.get(0);
        assertEquals(type, back.data().type());
        assertEquals(List.of(5, 4, 3), List.of(back.nx(), back.ny(), back.nz()));
        for (int n = 0; n < original.data().length(); n++) {
            assertEquals(original.data().get(n), back.data().get(n), 1e-6, "voxel " + n);
        }
        assertTrue(OBLIQUE.approximatelyEquals(back.voxelToLps(), 1e-4), back.voxelToLps().toString());
        assertEquals("NIfTI-1", back.info().format());
    }

    @Test
    void writtenHeaderStoresRasAndAQformThatAgreesWithTheSform() throws Exception {
        Path file = dir.resolve("v.nii.gz");
        NiftiWriter.write(volume(VoxelType.INT16, 3, 3, 3, OBLIQUE), file);
        byte[] bytes;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-OBLIQUE.get(0, 3), b.getFloat(280 + 12), 1e-4); // srow_x[3]: RAS x = -LPS x
        assertEquals(1, b.getShort(252));
        assertEquals(1, b.getShort(254));
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        Affine qform = NiftiHeader.quaternionAffine(new double[] {b.getFloat(256), b.getFloat(260), b.getFloat(264)},
                new double[] {b.getFloat(268), b.getFloat(272), b.getFloat(276)}, pixdim);
        assertTrue(qform.approximatelyEquals(OBLIQUE.flipXY(), 1e-4), qform.toString());
    }

    @Test
    void plainNiftiTwoBigEndianFourDimensionalIsReadAsOneVolumePerTimePoint() throws Exception {
        int nx = 3, ny = 2, nz = 2, nt = 2;
        ByteBuffer b = ByteBuffer.allocate(544 + nx * ny * nz * nt * 2).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0, 540);
        b.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1A, '\n'});
        b.putShort(12, (short) 4);
        b.putShort(14, (short) 16);
        long[] dim = {4, nx, ny, nz, nt, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
        }
        double[] pixdim = {1, 2, 3, 4, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putDouble(104 + 8 * i, pixdim[i]);
        }
        b.putLong(168, 544);
        b.putDouble(176, 2.0);
        b.putDouble(184, -5.0);
        b.putInt(348, 1);
        double[] srow = {2, 0, 0, 10, 0, 3, 0, 20, 0, 0, 4, 30};
        for (int i = 0; i < 12; i++) {
            b.putDouble(400 + 8 * i, srow[i]);
        }
        for (int n = 0; n < nx * ny * nz * nt; n++) {
            b.putShort(544 + 2 * n, (short) (n - 7));
        }
        Path file = dir.resolve("four.nii");
        Files.write(file, b.array());
        List<Volume> volumes = NiftiReader.read(file);
        assertEquals(2, volumes.size());
        Volume second = volumes.get(1);
        assertEquals("NIfTI-2", second.info().format());
        assertEquals((12 - 7) * 2.0 - 5, second.value(0, 0, 0));
        assertTrue(Affine.of(-2, 0, 0, -10, 0, -3, 0, -20, 0, 0, 4, 30, 0, 0, 0, 1)
                .approximatelyEquals(second.voxelToLps(), 1e-9), second.voxelToLps().toString());
    }

    @Test
    void qformOnlyHeaderUsesTheQuaternion() throws Exception {
        byte[] header = NiftiWriter.header(volume(VoxelType.UINT8, 2, 2, 2, OBLIQUE));
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(254, (short) 0); // no sform
        for (int i = 0; i < 12; i++) {
            b.putFloat(280 + 4 * i, 0);
        }
        Path file = dir.resolve("q.nii");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.array());
        out.writeBytes(new byte[8]);
        Files.write(file, out.toByteArray());
        Volume v = NiftiReader.read(file).get(0);
        assertTrue(OBLIQUE.approximatelyEquals(v.voxelToLps(), 1e-4), v.voxelToLps().toString());
    }

    @Test
    void headerThatPromisesMoreVoxelsThanTheFileHoldsIsRejectedBeforeAllocating() throws Exception {
        byte[] header = NiftiWriter.header(volume(VoxelType.INT16, 2, 2, 2, OBLIQUE));
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(42, (short) 1000);
        b.putShort(44, (short) 1000);
        b.putShort(46, (short) 1000);
        Path plain = dir.resolve("liar.nii");
        Files.write(plain, b.array());
        BadInputException e = assertThrows(BadInputException.class, () -> NiftiReader.read(plain));
        assertTrue(e.getMessage().contains("liar.nii"), e.getMessage());

        Path gz = dir.resolve("liar.nii.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(b.array());
        }
        BadInputException z = assertThrows(BadInputException.class, () -> NiftiReader.read(gz));
        assertTrue(z.getMessage().contains("more than this compressed file can hold"), z.getMessage());
    }

    @Test
    void truncatedGzipDataSaysTruncated() throws Exception {
        Path file = dir.resolve("v.nii.gz");
        NiftiWriter.write(volume(VoxelType.INT16, 40, 40, 20, OBLIQUE), file);
        byte[] all;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            all = in.readAllBytes();
        }
        Path cut = dir.resolve("cut.nii.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(cut))) {
            out.write(all, 0, all.length / 2);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> NiftiReader.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void writingIntoAFileWhereAFolderIsNeededFailsClearlyAndLeavesNothing() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a folder");
        Path target = blocker.resolve("out.nii.gz");
        BadInputException e = assertThrows(BadInputException.class,
                () -> NiftiWriter.write(volume(VoxelType.UINT8, 2, 2, 2, OBLIQUE), target));
        assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList());
        }
    }
}
