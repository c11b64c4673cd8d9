package org.groundwork.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.groundwork.annotate.core.project.Evidence;

/** The JSON kept in text columns: a step's evidence and a box's patient corners. */
public final class AnnotationJson {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AnnotationJson() {
    }

    public static String evidence(Evidence evidence) {
        if (evidence == null) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        if (evidence instanceof Evidence.BoxRef box) {
            node.put("kind", "box").put("boxId", box.boxId());
        } else if (evidence instanceof Evidence.ViewBookmark view) {
            node.put("kind", "view").put("plane", view.plane()).put("slice", view.slice())
                    .put("windowCenter", view.windowCenter()).put("windowWidth", view.windowWidth());
            ArrayNode lps = node.putArray("lps");
            for (double v : view.lps()) {
                lps.add(v);
            }
        }
        return node.toString();
    }

    /** Reads what {@link #evidence(Evidence)} wrote; null for null. */
    public static Evidence evidence(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = read(json);
        if (node.path("kind").asText().equals("box")) {
            return new Evidence.BoxRef(node.path("boxId").asText());
        }
        JsonNode lps = node.path("lps");
        return new Evidence.ViewBookmark(node.path("plane").asText(), node.path("slice").asInt(),
                node.path("windowCenter").asDouble(), node.path("windowWidth").asDouble(),
                new double[] {lps.path(0).asDouble(), lps.path(1).asDouble(), lps.path(2).asDouble()});
    }

    public static String numbers(double[] values) {
        if (values == null) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (double v : values) {
            array.add(v);
        }
        return array.toString();
    }

    public static double[] numbers(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = read(json);
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asDouble();
        }
        return values;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the project holds JSON it did not write: " + json, e);
        }
    }
}
