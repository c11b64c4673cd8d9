package org.groundwork.dataset.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.nifti.NiftiReader;

/**
 * Reads 3D Slicer markups ({@code .mrk.json}, schema 1.0): every ROI becomes a box on the image of the
 * same name ({@code <name>.mrk.json} beside {@code <name>.nii.gz}, or in an {@code images} folder next
 * to its folder), its region found by the ROI's name. The ROI's corners, in LPS or RAS millimetres,
 * are taken to the image's voxels; the box is the voxels they enclose.
 */
final class SlicerReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlicerReader() {
    }

    static DatasetReadResult read(Path path, Protocol protocol) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(f -> f.getFileName().toString().endsWith(".mrk.json")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        List<ImportedReading> readings = new ArrayList<>();
        List<DatasetReadResult.Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            try {
                read(file, protocol, readings, skipped);
            } catch (IOException e) {
                skipped.add(new DatasetReadResult.Skipped(file.getFileName().toString(), Records.notJson(e)));
            } catch (BadRecord e) {
                skipped.add(new DatasetReadResult.Skipped(file.getFileName().toString(), e.getMessage()));
            }
        }
        return new DatasetReadResult(readings, skipped);
    }

    private static void read(Path file, Protocol protocol, List<ImportedReading> readings,
                             List<DatasetReadResult.Skipped> skipped) throws IOException, BadRecord {
        JsonNode root = JSON.readTree(file.toFile());
        Path image = image(file);
        Volume volume;
        try {
            volume = NiftiReader.read(image).get(0);
        } catch (BadInputException e) {
            throw new BadRecord("its image cannot be read: " + e.reason());
        }
        Affine toVoxel = volume.voxelToLps().inverse();
        int[] dims = {volume.nx(), volume.ny(), volume.nz()};
        int n = 0;
        for (JsonNode roi : root.path("markups")) {
            n++;
            String where = file.getFileName() + " markup " + n;
            if (!"ROI".equals(roi.path("type").asText())) {
                skipped.add(new DatasetReadResult.Skipped(where, "a " + roi.path("type").asText("markup")
                        + ", not an ROI: only boxes are read"));
                continue;
            }
            double[] centre = numbers(roi.path("center"), 3);
            double[] size = numbers(roi.path("size"), 3);
            double[] axes = roi.has("orientation") ? numbers(roi.path("orientation"), 9) : new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
            if (centre == null || size == null || axes == null) {
                skipped.add(new DatasetReadResult.Skipped(where, "an ROI without a valid center, size and orientation"));
                continue;
            }
            boolean ras = "RAS".equals(roi.path("coordinateSystem").asText("LPS").toUpperCase(Locale.ROOT));
            int[][] box = voxels(centre, size, axes, ras, toVoxel, dims);
            if (box == null) {
                skipped.add(new DatasetReadResult.Skipped(where, "the ROI lies outside the image " + image.getFileName()));
                continue;
            }
            String name = roi.path("name").asText("");
            String region = Records.regionNamed(protocol, name);
            if (region == null) {
                skipped.add(new DatasetReadResult.Skipped(where, "no protocol region is called \"" + name
                        + "\"; the box is kept without a region"));
            }
            readings.add(new ImportedReading(image, "imported: " + file.getFileName(), null, region, null,
                    java.util.Collections.singletonList(box), List.of(), java.util.Map.of(), where));
        }
    }

    /** {@code <name>.mrk.json}'s image: {@code <name>.nii.gz} or {@code .nii} beside it or in a sibling {@code images}. */
    private static Path image(Path markups) throws BadRecord {
        String name = markups.getFileName().toString().replaceFirst("\\.mrk\\.json$", "");
        Path folder = markups.toAbsolutePath().getParent();
        for (Path dir : List.of(folder, folder.resolve("images"), folder.resolveSibling("images"))) {
            for (String ext : List.of(".nii.gz", ".nii")) {
                Path candidate = dir.resolve(name + ext);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new BadRecord("no image " + name + ".nii.gz beside it or in an images folder");
    }

    /**
     * The voxels an ROI encloses: its eight corners taken to voxel coordinates, whose extremes are
     * voxel edges (a voxel's centre is its index), so the box is [round(lo + 0.5), round(hi + 0.5)).
     */
    private static int[][] voxels(double[] c, double[] size, double[] axes, boolean ras, Affine toVoxel, int[] dims) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            double[] p = c.clone();
            for (int k = 0; k < 3; k++) {
                double half = ((corner >> k) & 1) == 0 ? -size[k] / 2 : size[k] / 2;
                for (int row = 0; row < 3; row++) {
                    p[row] += half * axes[3 * row + k]; // column k of the row-major matrix is axis k
                }
            }
            if (ras) {
                p[0] = -p[0];
                p[1] = -p[1];
            }
            double[] v = toVoxel.apply(p[0], p[1], p[2]);
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], v[a]);
                hi[a] = Math.max(hi[a], v[a]);
            }
        }
        int[] min = new int[3];
        int[] max = new int[3];
        for (int a = 0; a < 3; a++) {
            min[a] = Math.max(0, (int) Math.round(lo[a] + 0.5));
            max[a] = Math.min(dims[a], (int) Math.round(hi[a] + 0.5));
        }
        return Records.ordered(min, max) ? new int[][] {min, max} : null;
    }

    private static double[] numbers(JsonNode node, int n) {
        if (!node.isArray() || node.size() != n) {
            return null;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            if (!node.get(i).isNumber()) {
                return null;
            }
            values[i] = node.get(i).asDouble();
        }
        return values;
    }
}
