package org.groundwork.annotate.core.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates protocol files (format described by {@code protocol.schema.json} beside this
 * class). Every mistake is reported with the JSON path where it is, and unknown keys are refused so
 * that a misspelt key does not silently drop a question.
 */
public final class ProtocolReader {
    /** The protocols that ship with Groundwork, by id; the first is the default for new projects. */
    public static final List<String> BUILT_IN = List.of("knee-mri", "generic-findings");
    public static final String SCHEMA_RESOURCE = "protocol.schema.json";

    /** Made when the first protocol is read: the command line names the built-in ids without starting Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final Path source;
    private final Map<String, List<GradeOption>> scales = new HashMap<>();

    private ProtocolReader(Path source) {
        this.source = source;
    }

    public static Protocol read(Path file) throws ProtocolException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProtocolException(file, "$", "cannot be read (" + e.getMessage() + ")");
        } catch (java.io.UncheckedIOException e) {
            throw new ProtocolException(file, "$", "is not UTF-8 text");
        }
        return parse(file, text);
    }

    /** One of {@link #BUILT_IN}. */
    public static Protocol builtIn(String id) {
        String name = id + ".protocol.json";
        try (InputStream in = ProtocolReader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in protocol " + id);
            }
            return parse(Path.of(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ProtocolException e) {
            throw new IllegalStateException("the built-in protocol " + id + " is broken", e);
        }
    }

    /** Parses protocol text; {@code source} names it in error messages. */
    public static Protocol parse(Path source, String text) throws ProtocolException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonParseException e) {
            throw new ProtocolException(source, "$", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new ProtocolException(source, "$", "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new ProtocolException(source, "$", "is empty");
        }
        return new ProtocolReader(source).protocol(root, text);
    }

    private Protocol protocol(JsonNode root, String text) throws ProtocolException {
        object(root, "$", Set.of("$schema", "format", "id", "name", "version", "description", "scales", "regions",
                "questions"));
        String format = text(root, "$", "format", true);
        if (!format.equals("groundwork-protocol/1")) {
            throw error("$.format", "must be \"groundwork-protocol/1\", not \"" + format + "\"");
        }
        String id = id(root, "$", "id");
        String name = text(root, "$", "name", true);
        int version = integer(root.get("version"), "$.version");
        String description = text(root, "$", "description", false);
        JsonNode scaleNodes = root.get("scales");
        if (scaleNodes != null) {
            object(scaleNodes, "$.scales", null);
            for (Iterator<Map.Entry<String, JsonNode>> it = scaleNodes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> scale = it.next();
                scales.put(scale.getKey(), options(scale.getValue(), "$.scales." + scale.getKey()));
            }
        }
        List<Region> regions = regions(array(root, "$", "regions", true));
        Set<String> regionIds = new HashSet<>();
        regions.forEach(r -> regionIds.add(r.id()));
        List<QuestionTemplate> questions = questions(array(root, "$", "questions", false), regionIds);
        return new Protocol(id, name, version, description, regions, questions, text);
    }

    private List<Region> regions(JsonNode array) throws ProtocolException {
        List<Region> regions = new ArrayList<>();
        Map<String, String> parents = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "$.regions[" + i + "]";
            JsonNode node = array.get(i);
            object(node, path, Set.of("id", "name", "parent", "colour"));
            String id = id(node, path, "id");
            if (parents.containsKey(id)) {
                throw error(path + ".id", "\"" + id + "\" is used by two regions");
            }
            String colour = text(node, path, "colour", true);
            if (!COLOUR.matcher(colour).matches()) {
                throw error(path + ".colour", "\"" + colour + "\" is not a colour like \"#3cb44b\"");
            }
            String parent = node.has("parent") ? text(node, path, "parent", true) : null;
            parents.put(id, parent);
            regions.add(new Region(id, text(node, path, "name", true), parent, colour));
        }
        for (int i = 0; i < regions.size(); i++) {
            String parent = regions.get(i).parent();
            if (parent != null && !parents.containsKey(parent)) {
                throw error("$.regions[" + i + "].parent", "no region has the id \"" + parent + "\"");
            }
            Set<String> seen = new HashSet<>();
            for (String r = regions.get(i).id(); r != null; r = parents.get(r)) {
                if (!seen.add(r)) {
                    throw error("$.regions[" + i + "].parent", "regions are their own ancestors: " + seen);
                }
            }
        }
        return regions;
    }

    private List<QuestionTemplate> questions(JsonNode array, Set<String> regionIds) throws ProtocolException {
        List<QuestionTemplate> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            String path = "$.questions[" + i + "]";
            JsonNode node = array.get(i);
            object(node, path, Set.of("id", "region", "text", "severity", "steps"));
            String id = id(node, path, "id");
            if (!ids.add(id)) {
                throw error(path + ".id", "\"" + id + "\" is used by two questions");
            }
            String region = text(node, path, "region", true);
            if (!regionIds.contains(region)) {
                throw error(path + ".region", "no region has the id \"" + region + "\"");
            }
            List<SeverityField> severity = new ArrayList<>();
            JsonNode fields = array(node, path, "severity", false);
            Set<String> names = new HashSet<>();
            for (int f = 0; fields != null && f < fields.size(); f++) {
                String fieldPath = path + ".severity[" + f + "]";
                JsonNode field = fields.get(f);
                object(field, fieldPath, Set.of("name", "help", "options", "nominal"));
                String name = text(field, fieldPath, "name", true);
                if (!names.add(name)) {
                    throw error(fieldPath + ".name", "\"" + name + "\" is used by two fields of this question");
                }
                JsonNode nominal = field.get("nominal");
                if (nominal != null && !nominal.isBoolean()) {
                    throw error(fieldPath + ".nominal", "must be true or false");
                }
                severity.add(new SeverityField(name, text(field, fieldPath, "help", false),
                        optionsOrScale(field.get("options"), fieldPath + ".options"), nominal != null && nominal.asBoolean()));
            }
            List<String> steps = new ArrayList<>();
            JsonNode prompts = array(node, path, "steps", false);
            for (int s = 0; prompts != null && s < prompts.size(); s++) {
                if (!prompts.get(s).isTextual() || prompts.get(s).asText().isBlank()) {
                    throw error(path + ".steps[" + s + "]", "must be a non-empty text");
                }
                steps.add(prompts.get(s).asText());
            }
            questions.add(new QuestionTemplate(id, region, text(node, path, "text", true), severity, steps));
        }
        return questions;
    }

    private List<GradeOption> optionsOrScale(JsonNode node, String path) throws ProtocolException {
        if (node == null) {
            throw error(path, "is missing");
        }
        if (node.isTextual()) {
            List<GradeOption> scale = scales.get(node.asText());
            if (scale == null) {
                throw error(path, "no scale is named \"" + node.asText() + "\" in $.scales");
            }
            return scale;
        }
        return options(node, path);
    }

    private List<GradeOption> options(JsonNode node, String path) throws ProtocolException {
        if (!node.isArray() || node.isEmpty()) {
            throw error(path, "must be a non-empty list of {\"value\", \"meaning\"}");
        }
        List<GradeOption> options = new ArrayList<>();
        Set<Integer> values = new HashSet<>();
        for (int o = 0; o < node.size(); o++) {
            String optionPath = path + "[" + o + "]";
            JsonNode option = node.get(o);
            object(option, optionPath, Set.of("value", "meaning"));
            int value = integer(option.get("value"), optionPath + ".value");
            if (!values.add(value)) {
                throw error(optionPath + ".value", value + " appears twice");
            }
            options.add(new GradeOption(value, text(option, optionPath, "meaning", true)));
        }
        return options;
    }

    private void object(JsonNode node, String path, Set<String> allowed) throws ProtocolException {
        if (node == null || !node.isObject()) {
            throw error(path, "must be a JSON object");
        }
        if (allowed != null) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error(path + "." + key, "is not a known key (allowed: " + String.join(", ",
                            allowed.stream().sorted().toList()) + ")");
                }
            }
        }
    }

    private JsonNode array(JsonNode parent, String path, String key, boolean required) throws ProtocolException {
        JsonNode node = parent.get(key);
        if (node == null && !required) {
            return null;
        }
        if (node == null || !node.isArray() || (required && node.isEmpty())) {
            throw error(path + "." + key, required ? "must be a non-empty list" : "must be a list");
        }
        return node;
    }

    private String text(JsonNode parent, String path, String key, boolean required) throws ProtocolException {
        JsonNode node = parent.get(key);
        if (node == null && !required) {
            return "";
        }
        if (node == null) {
            throw error(path + "." + key, "is missing");
        }
        if (!node.isTextual() || (required && node.asText().isBlank())) {
            throw error(path + "." + key, "must be a non-empty text");
        }
        return node.asText();
    }

    private String id(JsonNode parent, String path, String key) throws ProtocolException {
        String id = text(parent, path, key, true);
        if (!ID.matcher(id).matches()) {
            throw error(path + "." + key, "\"" + id + "\" may hold only letters, digits, '.', '_' and '-'");
        }
        return id;
    }

    private int integer(JsonNode node, String path) throws ProtocolException {
        if (node == null) {
            throw error(path, "is missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(path, "must be a whole number, not " + node);
        }
        return node.asInt();
    }

    private ProtocolException error(String path, String reason) {
        return new ProtocolException(source, path, reason);
    }
}
