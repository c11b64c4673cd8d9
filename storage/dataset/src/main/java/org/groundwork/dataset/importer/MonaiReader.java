package org.groundwork.dataset.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.nifti.NiftiReader;

/**
 * Reads a MONAI (Decathlon-style) datalist, {@code dataset.json}: for every item of {@code training},
 * {@code validation} and {@code test}, its boxes from {@code box} ({@code xyzxyz} voxel corners, ends
 * exclusive) with {@code box_label}, or, without boxes, from the extents of each value of its
 * {@code label} map. Values are named by the datalist's {@code labels}, and names are found among the
 * protocol's regions.
 */
final class MonaiReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LISTS = List.of("training", "validation", "test");

    private MonaiReader() {
    }

    static DatasetReadResult read(Path file, Protocol protocol) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        Path base = file.toAbsolutePath().getParent();
        Map<Integer, String> regionOfValue = new TreeMap<>();
        root.path("labels").fields().forEachRemaining(e -> {
            try {
                int value = Integer.parseInt(e.getKey());
                String region = Records.regionNamed(protocol, e.getValue().asText());
                if (region != null) {
                    regionOfValue.put(value, region);
                }
            } catch (NumberFormatException ignored) {
                // a label key that is not a value names nothing in a map
            }
        });
        List<ImportedReading> readings = new ArrayList<>();
        List<DatasetReadResult.Skipped> skipped = new ArrayList<>();
        String source = "imported: " + file.getFileName();
        for (String list : LISTS) {
            int n = 0;
            for (JsonNode item : root.path(list)) {
                n++;
                String where = file.getFileName() + " " + list + " item " + n;
                try {
                    Path image = Records.image(item.path("image").asText(""), base);
                    for (Map.Entry<int[][], Integer> box : boxes(item, base).entrySet()) {
                        String region = regionOfValue.get(box.getValue());
                        if (region == null) {
                            skipped.add(new DatasetReadResult.Skipped(where, "label " + box.getValue()
                                    + " names no protocol region; its box is kept without a region"));
                        }
                        readings.add(new ImportedReading(image, source, null, region, null, java.util.Collections.singletonList(box.getKey()),
                                List.of(), Map.of(), where));
                    }
                } catch (BadRecord e) {
                    skipped.add(new DatasetReadResult.Skipped(where, e.getMessage()));
                }
            }
        }
        return new DatasetReadResult(readings, skipped);
    }

    /** The item's boxes with their label values, in order. */
    private static Map<int[][], Integer> boxes(JsonNode item, Path base) throws BadRecord {
        Map<int[][], Integer> boxes = new java.util.LinkedHashMap<>();
        JsonNode given = item.path("box");
        if (given.isArray() && !given.isEmpty()) {
            for (int i = 0; i < given.size(); i++) {
                int[] xyz = Records.ints(given.get(i), 6);
                if (xyz == null || !Records.ordered(new int[] {xyz[0], xyz[1], xyz[2]}, new int[] {xyz[3], xyz[4], xyz[5]})) {
                    throw new BadRecord("box " + (i + 1) + " is not [x0, y0, z0, x1, y1, z1] with each end past its start");
                }
                boxes.put(new int[][] {{xyz[0], xyz[1], xyz[2]}, {xyz[3], xyz[4], xyz[5]}},
                        item.path("box_label").path(i).asInt(0));
            }
            return boxes;
        }
        if (!item.hasNonNull("label")) {
            throw new BadRecord("the item has neither boxes nor a label map");
        }
        Path labels = Records.image(item.path("label").asText(), base);
        Volume mask;
        try {
            mask = NiftiReader.read(labels).get(0);
        } catch (BadInputException e) {
            throw new BadRecord("its label map cannot be read: " + e.reason());
        }
        extents(mask).forEach((value, box) -> boxes.put(box, value));
        return boxes;
    }

    /** For every value of a label map but 0, the smallest box holding all its voxels. */
    static Map<Integer, int[][]> extents(Volume mask) {
        Map<Integer, int[][]> boxes = new TreeMap<>();
        for (int k = 0; k < mask.nz(); k++) {
            for (int j = 0; j < mask.ny(); j++) {
                for (int i = 0; i < mask.nx(); i++) {
                    int value = (int) Math.round(mask.value(i, j, k));
                    if (value == 0) {
                        continue;
                    }
                    int[] at = {i, j, k};
                    int[][] b = boxes.computeIfAbsent(value, v -> new int[][] {at.clone(), {at[0] + 1, at[1] + 1, at[2] + 1}});
                    for (int a = 0; a < 3; a++) {
                        b[0][a] = Math.min(b[0][a], at[a]);
                        b[1][a] = Math.max(b[1][a], at[a] + 1);
                    }
                }
            }
        }
        return boxes;
    }
}
