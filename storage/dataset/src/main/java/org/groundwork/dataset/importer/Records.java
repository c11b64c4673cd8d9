package org.groundwork.dataset.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.Region;

/** Small checks shared by the readers of dataset records. */
final class Records {
    private Records() {
    }

    /** The image a record names, resolved against the dataset's folder; it must exist. */
    static Path image(String path, Path base) throws BadRecord {
        if (path.isBlank()) {
            throw new BadRecord("the record names no image");
        }
        Path image = base.resolve(path).normalize();
        if (!Files.isRegularFile(image)) {
            throw new BadRecord("its image " + image + " does not exist");
        }
        return image;
    }

    /** Exactly {@code n} integers, or null. */
    static int[] ints(JsonNode node, int n) {
        if (!node.isArray() || node.size() != n) {
            return null;
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            if (!node.get(i).canConvertToInt()) {
                return null;
            }
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    /** A half-open box: every end past its start, no start below zero. */
    static boolean ordered(int[] min, int[] max) {
        for (int a = 0; a < min.length; a++) {
            if (min[a] < 0 || max[a] <= min[a]) {
                return false;
            }
        }
        return true;
    }

    /** Why a line is not JSON, in one line. */
    static String notJson(java.io.IOException e) {
        return "not a JSON record (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")";
    }

    /** The id of the protocol region with this name (any case) or id, or null. */
    static String regionNamed(Protocol protocol, String name) {
        return protocol.regions().stream().filter(r -> r.name().equalsIgnoreCase(name) || r.id().equals(name))
                .map(Region::id).findFirst().orElse(null);
    }

    static String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
