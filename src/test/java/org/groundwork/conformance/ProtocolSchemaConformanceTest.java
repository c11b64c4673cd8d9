package org.groundwork.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.protocol.ProtocolException;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published protocol schema agrees with the reader: the shipped protocols validate against it
 * with Python's jsonschema, and a protocol the reader refuses is refused by the schema too.
 */
@Tag("conformance")
class ProtocolSchemaConformanceTest {
    @TempDir
    Path tmp;

    private Path resource(String name) throws Exception {
        Path file = tmp.resolve(name);
        try (InputStream in = ProtocolReader.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void shippedProtocolsValidateAgainstThePublishedSchema() throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON,
                ExternalTools.script("validate_json.py").toString(), resource(ProtocolReader.SCHEMA_RESOURCE).toString()));
        for (String id : ProtocolReader.BUILT_IN) {
            command.add(resource(id + ".protocol.json").toString());
        }
        String output = ExternalTools.run(command);
        assertTrue(output.contains("knee-mri.protocol.json: valid"), output);
    }

    @Test
    void aProtocolTheReaderRefusesTheSchemaRefusesToo() throws Exception {
        Path knee = resource("knee-mri.protocol.json");
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, Files.readString(knee).replaceFirst("\"colour\": \"#[0-9a-f]{6}\"", "\"color\": \"red\""));
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolReader.read(bad));
        assertTrue(e.jsonPath().startsWith("$.regions[0]"), e.getMessage());
        ExternalTools.run(List.of(ExternalTools.PYTHON, ExternalTools.script("validate_json.py").toString(),
                resource(ProtocolReader.SCHEMA_RESOURCE).toString(), bad.toString(), "--expect-invalid"));
    }
}
