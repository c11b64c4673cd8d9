package org.groundwork.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One real-texture MR series, written with pydicom and transcoded by GDCM into every transfer syntax
 * Groundwork reads: every lossless copy must load voxel for voxel identical to the original, lossy
 * ones close to it, and JPEG-LS must be refused by name.
 */
@Tag("conformance")
class TransferSyntaxConformanceTest {
    @TempDir
    static Path dir;
    private static Volume original12;
    private static Volume original8;

    @BeforeAll
    static void makeSeries() throws Exception {
        ExternalTools.python("make_series.py", dir.resolve("explicit"), 96, 80, 24);
        ExternalTools.python("make_series.py", dir.resolve("bigendian"), 96, 80, 24, "--big-endian");
        ExternalTools.python("make_series.py", dir.resolve("explicit8"), 96, 80, 24, "--bits", "8");
        transcode("explicit", "implicit", "-M");
        transcode("explicit", "deflated", "-d");
        transcode("explicit", "rle", "-R");
        transcode("explicit", "jpeg-lossless", "-J");
        transcode("explicit", "j2k-lossless", "-K");
        transcode("explicit", "j2k-lossy", "-K", "-Y");
        transcode("explicit", "jpeg-ls", "-L");
        transcode("explicit8", "jpeg-baseline", "-J", "-Y");
        // 12-bit JPEG Extended: GDCM writes 16-bit DCT streams, so dcmtk makes these, and decodes the reference.
        withTool("explicit", "jpeg-extended", "dcmcjpeg", "+ee");
        withTool("jpeg-extended", "jpeg-extended-dcmtk-decoded", "dcmdjpeg");
        original12 = load("explicit").volumes().get(0);
        original8 = load("explicit8").volumes().get(0);
    }

    private static void transcode(String from, String to, String... options) throws Exception {
        withTool(from, to, "gdcmconv", options);
    }

    private static void withTool(String from, String to, String tool, String... options) throws Exception {
        Path target = Files.createDirectories(dir.resolve(to));
        try (Stream<Path> files = Files.list(dir.resolve(from))) {
            for (Path file : files.toList()) {
                List<String> command = new ArrayList<>(List.of(tool));
                command.addAll(List.of(options));
                command.add(file.toString());
                command.add(target.resolve(file.getFileName()).toString());
                ExternalTools.run(command);
            }
        }
    }

    private static ScanResult load(String name) {
        return new VolumeScanner().scan(List.of(dir.resolve(name)), LoadMonitor.NONE);
    }

    static Stream<Arguments> losslessCopies() {
        return Stream.of(
                Arguments.of("implicit", "Implicit VR Little Endian"),
                Arguments.of("bigendian", "Explicit VR Big Endian"),
                Arguments.of("deflated", "Deflated Explicit VR Little Endian"),
                Arguments.of("rle", "RLE Lossless"),
                Arguments.of("jpeg-lossless", "JPEG Lossless"),
                Arguments.of("j2k-lossless", "JPEG 2000 Lossless"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("losslessCopies")
    void losslessTransferSyntaxLoadsVoxelForVoxelIdentical(String folder, String syntaxName) {
        ScanResult result = load(folder);
        assertEquals(List.of(), result.failures());
        Volume v = result.volumes().get(0);
        assertTrue(v.info().encoding().startsWith(syntaxName), v.info().encoding());
        assertSameGeometry(original12, v);
        for (int n = 0; n < v.data().length(); n++) {
            if (original12.data().get(n) != v.data().get(n)) {
                throw new AssertionError(syntaxName + ": voxel " + n + " is " + v.data().get(n)
                        + " instead of " + original12.data().get(n));
            }
        }
    }

    @Test
    void lossyJpeg2000IsCloseToTheOriginal() {
        Volume v = load("j2k-lossy").volumes().get(0);
        assertTrue(v.info().encoding().startsWith("JPEG 2000 ("), v.info().encoding());
        assertSameGeometry(original12, v);
        assertTrue(meanAbsoluteDifference(original12, v) < 4095 * 0.02, "mean difference "
                + meanAbsoluteDifference(original12, v));
    }

    @Test
    void jpegBaselineIsCloseToTheOriginal() {
        Volume v = load("jpeg-baseline").volumes().get(0);
        assertTrue(v.info().encoding().startsWith("JPEG Baseline"), v.info().encoding());
        assertSameGeometry(original8, v);
        assertTrue(meanAbsoluteDifference(original8, v) < 255 * 0.02, "mean difference "
                + meanAbsoluteDifference(original8, v));
    }

    @Test
    void twelveBitJpegExtendedMatchesDcmtksOwnDecoding() {
        Volume ours = load("jpeg-extended").volumes().get(0);
        Volume dcmtk = load("jpeg-extended-dcmtk-decoded").volumes().get(0);
        assertTrue(ours.info().encoding().startsWith("JPEG Extended"), ours.info().encoding());
        assertSameGeometry(dcmtk, ours);
        double max = 0;
        for (int n = 0; n < ours.data().length(); n++) {
            max = Math.max(max, Math.abs(ours.data().get(n) - dcmtk.data().get(n)));
        }
        assertTrue(max <= 1, "largest difference from dcmtk " + max);
    }

    @Test
    void jpegLsIsRefusedByNameForEveryFile() {
        ScanResult result = load("jpeg-ls");
        assertEquals(List.of(), result.volumes());
        assertEquals(24, result.failures().size());
        result.failures().forEach(f -> assertTrue(f.reason().contains("unsupported transfer syntax JPEG-LS Lossless"),
                f.reason()));
    }

    private static void assertSameGeometry(Volume expected, Volume actual) {
        assertEquals(List.of(expected.nx(), expected.ny(), expected.nz()), List.of(actual.nx(), actual.ny(), actual.nz()));
        assertTrue(expected.voxelToLps().approximatelyEquals(actual.voxelToLps(), 1e-6), actual.voxelToLps().toString());
    }

    private static double meanAbsoluteDifference(Volume a, Volume b) {
        double sum = 0;
        for (int n = 0; n < a.data().length(); n++) {
            sum += Math.abs(a.data().get(n) - b.data().get(n));
        }
        return sum / a.data().length();
    }
}
