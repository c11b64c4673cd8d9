package org.groundwork.viewer.core;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.groundwork.viewer.core.dicom.DicomInstance;
import org.groundwork.viewer.core.dicom.DicomReader;
import org.groundwork.viewer.core.dicom.PixelFormat;
import org.groundwork.viewer.core.dicom.Tag;
import org.groundwork.viewer.core.nifti.NiftiReader;
import org.groundwork.viewer.core.nifti.NiftiWriter;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.RleEncoder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.groundwork.viewer.core.testing.TestCodecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of truncated and mutated copies of valid DICOM and NIfTI files. Each must either load or
 * fail with a {@link BadInputException}, within seconds: no other exception, no hang, no allocation
 * sized by a lying length field (the test JVM has a bounded heap, so that would end in an error).
 */
class MalformedInputFuzzTest {
    /** Fixed so that failures reproduce; `-Dgroundwork.fuzz.seed=N` explores others. */
    private static final long SEED = Long.getLong("groundwork.fuzz.seed", 20261128L);
    private static final int DICOM_CASES = 3000;
    private static final int NIFTI_CASES = 1500;

    @TempDir
    static Path dir;
    private static final Map<String, byte[]> DICOM = new LinkedHashMap<>();
    private static final Map<String, byte[]> NIFTI = new LinkedHashMap<>();

    @BeforeAll
    static void makeFixtures() throws Exception {
        double[] p = {1, 2, 3};
        for (String syntax : List.of(DicomFileBuilder.EXPLICIT_LE, DicomFileBuilder.IMPLICIT_LE,
                DicomFileBuilder.EXPLICIT_BE, DicomFileBuilder.DEFLATED_LE)) {
            DicomFileBuilder b = SyntheticSeries.slice(syntax, "1.2.3", 8, 6, 0, p, SyntheticSeries.AXIAL, 0.5, 0.5);
            b.sequence(0x00291010, true, b.item().string(0x00291011, "LO", "private")
                    .sequence(0x00291012, false, b.item().string(0x00291013, "LO", "nested")));
            DICOM.put(syntax, b.build());
        }
        DICOM.put("rle", SyntheticSeries.slice(DicomFileBuilder.RLE, "1.2.3", 4, 2, 0, p, SyntheticSeries.AXIAL, 1, 1)
                .fragments(List.of(RleEncoder.frame(new byte[] {0, 0, 0, 1, 1, 1, 2, 2}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                .build());
        DICOM.put("jpeg", jpegImage(DicomFileBuilder.JPEG_BASELINE, 8, TestCodecs.jpegBaseline(TestCodecs.ramp(16, 8, false, 256))));
        DICOM.put("j2k", jpegImage(DicomFileBuilder.JPEG_2000_LOSSLESS, 16,
                TestCodecs.jpeg2000Lossless(TestCodecs.ramp(16, 8, true, 4096))));

        DICOM.put("jpeg12", Files.readAllBytes(Path.of(MalformedInputFuzzTest.class.getResource("/fixtures/jpeg12.dcm").toURI())));

        VoxelData data = VoxelData.allocate(VoxelType.INT16, 6 * 5 * 4);
        Volume v = new Volume(6, 5, 4, data, Affine.identity(), 1, 0, VolumeInfo.of("t", "t", "t"), List.of());
        Path gz = dir.resolve("fixture.nii.gz");
        NiftiWriter.write(v, gz);
        NIFTI.put("gz", Files.readAllBytes(gz));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            NIFTI.put("plain", in.readAllBytes());
        }
    }

    private static byte[] jpegImage(String syntax, int bits, byte[] frame) {
        return new DicomFileBuilder(syntax)
                .string(Tag.SERIES_INSTANCE_UID, "UI", "1.2.3")
                .us(Tag.SAMPLES_PER_PIXEL, 1).string(Tag.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .us(Tag.ROWS, 8).us(Tag.COLUMNS, 16).us(Tag.BITS_ALLOCATED, bits).us(Tag.BITS_STORED, bits == 8 ? 8 : 12)
                .us(Tag.HIGH_BIT, bits == 8 ? 7 : 11).us(Tag.PIXEL_REPRESENTATION, 0)
                .fragments(List.of(frame)).build();
    }

    /** Truncation, bit flips, extreme 32-bit values (lengths), deleted and inserted bytes. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            case 1 -> {
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                int at = random.nextInt(b.length - 4);
                int[] extremes = {0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0, 0xFFFE, 0x10000, random.nextInt()};
                ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                        .putInt(at, extremes[random.nextInt(extremes.length)]);
            }
            case 3 -> {
                int at = random.nextInt(b.length);
                int count = 1 + random.nextInt(Math.min(16, b.length - at));
                byte[] shorter = new byte[b.length - count];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, at + count, shorter, at, b.length - at - count);
                return shorter;
            }
            default -> {
                int at = random.nextInt(b.length);
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted); // random bytes, not zeros: any tag, length or VR may appear
                byte[] longer = new byte[b.length + inserted.length];
                System.arraycopy(b, 0, longer, 0, at);
                System.arraycopy(inserted, 0, longer, at, inserted.length);
                System.arraycopy(b, at, longer, at + inserted.length, b.length - at);
                return longer;
            }
        }
        return b;
    }

    @Test
    void mutatedDicomFilesLoadOrFailWithBadInput() throws Exception {
        run(DICOM, DICOM_CASES, file -> {
            DicomInstance instance = DicomReader.builtIn().read(file);
            if (instance.hasPixelData()) {
                PixelFormat f = instance.pixelFormat();
                VoxelData target = VoxelData.allocate(f.voxelType(), f.pixelsPerFrame());
                for (int frame = 0; frame < Math.min(f.frames(), 4); frame++) {
                    instance.decodeFrame(frame, target, 0);
                }
            }
        });
    }

    @Test
    void mutatedSeriesFoldersStillScanWithoutExceptions() throws Exception {
        Random random = new Random(SEED + 1);
        List<String> names = new ArrayList<>(DICOM.keySet());
        for (int round = 0; round < 100; round++) {
            Path folder = Files.createDirectories(dir.resolve("series" + round));
            for (int n = 0; n < 4; n++) {
                byte[] original = DICOM.get(names.get(random.nextInt(names.size())));
                Files.write(folder.resolve("f" + n), random.nextBoolean() ? mutate(original, random) : original);
            }
            int r = round;
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    ScanResult result = new org.groundwork.viewer.core.io.VolumeScanner()
                            .scan(List.of(folder), LoadMonitor.NONE);
                    if (result.volumes().isEmpty() && result.failures().isEmpty() && result.skipped().isEmpty()) {
                        fail("round " + r + ": files vanished without a trace");
                    }
                }, "round " + round);
            } catch (AssertionError | RuntimeException e) {
                Path keep = Files.createDirectories(Path.of("target", "fuzz-failure-series"));
                try (var files = Files.list(folder)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                throw new AssertionError("round " + round + " failed; its files are in " + keep, e);
            }
        }
    }

    @Test
    void mutatedNiftiFilesLoadOrFailWithBadInput() throws Exception {
        run(NIFTI, NIFTI_CASES, file -> NiftiReader.read(file));
    }

    private interface Load {
        void load(Path file) throws BadInputException;
    }

    private static void run(Map<String, byte[]> fixtures, int cases, Load load) throws Exception {
        Random random = new Random(SEED);
        List<String> names = new ArrayList<>(fixtures.keySet());
        Path file = dir.resolve("case");
        for (int c = 0; c < cases; c++) {
            String name = names.get(c % names.size());
            Files.write(file, mutate(fixtures.get(name), random));
            String label = "case " + c + " (" + name + ", seed " + SEED + ")";
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    load.load(file);
                } catch (BadInputException expected) {
                    if (!expected.getMessage().startsWith(file.toString())) {
                        fail(label + ": message does not name the file: " + expected.getMessage());
                    }
                } catch (RuntimeException | Error e) {
                    Files.copy(file, Path.of("target", "fuzz-failure.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    throw new AssertionError(label + " threw " + e + "; input saved in target/fuzz-failure.bin", e);
                }
            }, label);
        }
    }
}
