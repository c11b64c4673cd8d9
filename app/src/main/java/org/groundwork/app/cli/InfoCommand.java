package org.groundwork.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Orientation;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork info}: every volume found, with its geometry, and every file that could not be read. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "List the volumes in DICOM or NIfTI files and folders: size, spacing, orientation, "
                + "affine, modality, encoding, warnings, the files each was read from; and every unreadable or skipped "
                + "file with the reason. "
                + "Exit 0 when at least one volume was read, 2 otherwise.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM or NIfTI files or folders")
    private List<Path> paths;

    @Option(names = "--json", description = "print JSON instead of text")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ScanResult result = new VolumeScanner().scan(paths, LoadMonitor.NONE);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(result)));
        } else {
            printText(out, result);
        }
        out.flush();
        return result.volumes().isEmpty() ? GroundworkCommand.EXIT_BAD_INPUT : 0;
    }

    private static List<Path> filesOf(ScanResult result, int volume) {
        return result.read().stream().filter(r -> r.volume() == volume).map(ScanResult.Read::file).toList();
    }

    static Map<String, Object> describe(Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", v.info().source());
        m.put("format", v.info().format());
        m.put("encoding", v.info().encoding());
        m.put("dimensions", List.of(v.nx(), v.ny(), v.nz()));
        m.put("spacing", v.spacing());
        m.put("voxelType", v.data().type().name().toLowerCase(Locale.ROOT));
        m.put("rescale", Map.of("slope", v.slope(), "intercept", v.intercept()));
        m.put("modality", v.info().modality());
        m.put("seriesInstanceUid", v.info().seriesInstanceUid());
        m.put("seriesDescription", v.info().seriesDescription());
        m.put("slicePlane", Orientation.slicePlane(v.voxelToLps()));
        m.put("axisCodes", Orientation.axisCodes(v.voxelToLps()));
        m.put("affineLps", rows(v.voxelToLps()));
        m.put("warnings", v.warnings());
        return m;
    }

    private static Map<String, Object> toJson(ScanResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (int n = 0; n < result.volumes().size(); n++) {
            Map<String, Object> v = describe(result.volumes().get(n));
            v.put("files", filesOf(result, n).stream().map(Path::toString).toList());
            volumes.add(v);
        }
        root.put("volumes", volumes);
        root.put("unreadable", failures(result.failures()));
        root.put("skipped", failures(result.skipped()));
        return root;
    }

    private static List<Map<String, String>> failures(List<ScanResult.Failure> failures) {
        List<Map<String, String>> list = new ArrayList<>();
        for (ScanResult.Failure f : failures) {
            list.add(Map.of("file", f.file().toString(), "reason", f.reason()));
        }
        return list;
    }

    private static double[][] rows(Affine a) {
        double[][] r = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                r[i][j] = a.get(i, j);
            }
        }
        return r;
    }

    private static void printText(PrintWriter out, ScanResult result) {
        for (int n = 0; n < result.volumes().size(); n++) {
            Volume v = result.volumes().get(n);
            double[] s = v.spacing();
            out.printf(Locale.ROOT, "Volume %d: %d x %d x %d %s, spacing %.4g x %.4g x %.4g mm, %s (%s)%n", n + 1,
                    v.nx(), v.ny(), v.nz(), v.data().type().name().toLowerCase(Locale.ROOT), s[0], s[1], s[2],
                    Orientation.slicePlane(v.voxelToLps()), Orientation.axisCodes(v.voxelToLps()));
            out.println("  source:      " + v.info().source());
            out.println("  format:      " + v.info().format() + ", " + v.info().encoding());
            FileListing.byFolder(filesOf(result, n)).forEach(line -> out.println("  files:       " + line));
            if (!v.info().modality().isEmpty()) {
                out.println("  modality:    " + v.info().modality());
            }
            if (!v.info().seriesDescription().isEmpty() || !v.info().seriesInstanceUid().isEmpty()) {
                out.println("  series:      " + v.info().seriesDescription()
                        + (v.info().seriesInstanceUid().isEmpty() ? "" : " [" + v.info().seriesInstanceUid() + "]"));
            }
            if (v.slope() != 1 || v.intercept() != 0) {
                out.printf(Locale.ROOT, "  rescale:     value = stored * %.6g + %.6g%n", v.slope(), v.intercept());
            }
            out.println("  voxel -> LPS mm:");
            for (String line : v.voxelToLps().toString().split("\n")) {
                out.println("    " + line);
            }
            for (String w : v.warnings()) {
                out.println("  warning:     " + w);
            }
        }
        if (result.volumes().isEmpty()) {
            out.println("No volume found.");
        }
        if (!result.failures().isEmpty()) {
            out.println("Unreadable (" + result.failures().size() + "):");
            result.failures().forEach(f -> out.println("  " + f.file() + ": " + f.reason()));
        }
        if (!result.skipped().isEmpty()) {
            out.println("Skipped (" + result.skipped().size() + "):");
            result.skipped().forEach(f -> out.println("  " + f.file() + ": " + f.reason()));
        }
    }
}
