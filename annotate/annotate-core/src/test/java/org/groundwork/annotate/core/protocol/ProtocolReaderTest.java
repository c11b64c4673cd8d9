package org.groundwork.annotate.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolReaderTest {
    private static final String VALID = """
            {"format": "groundwork-protocol/1", "id": "p", "name": "P", "version": 1,
             "scales": {"yesno": [{"value": 0, "meaning": "no"}, {"value": 1, "meaning": "yes"}]},
             "regions": [{"id": "a", "name": "A", "colour": "#112233"},
                         {"id": "b", "name": "B", "parent": "a", "colour": "#445566"}],
             "questions": [{"id": "q1", "region": "b", "text": "Is it there?",
                            "severity": [{"name": "present", "options": "yesno"},
                                         {"name": "size", "options": [{"value": 0, "meaning": "none"}]}],
                            "steps": ["Box it."]}]}
            """;

    @Test
    void kneeProtocolCoversTheReasonKneeQuestionSet() {
        Protocol knee = ProtocolReader.builtIn("knee-mri");
        assertEquals(69, knee.questions().size());
        Set<String> fields = new HashSet<>();
        knee.questions().forEach(q -> q.severity().forEach(f -> fields.add(f.name())));
        assertTrue(fields.containsAll(Set.of("Size of BML (including cyst)", "Number of BML within subregion",
                "% of lesion that is BML (excluding cyst)", "Size of lesion", "Depth of lesion", "grade", "morphology",
                "presence", "tear_location", "Complete Tear", "ACL Repair")), fields.toString());
        assertEquals(15, knee.questions().stream().filter(q -> q.severity().size() == 3
                && q.severity().get(0).name().startsWith("Size of BML")).count());
        assertEquals(9, knee.questions().stream().filter(q -> q.severity().get(0).name().equals("morphology"))
                .findFirst().orElseThrow().severity().get(0).options().size());
        for (QuestionTemplate q : knee.questions()) {
            assertTrue(knee.region(q.region()).isPresent(), q.id());
            assertTrue(!q.stepPrompts().isEmpty(), q.id() + " suggests how to reason");
        }
        assertEquals("femur-medial-central", knee.questionsFor("femur-medial-central").get(0).region());
    }

    @Test
    void genericProtocolLoads() {
        Protocol generic = ProtocolReader.builtIn("generic-findings");
        assertEquals("generic-findings", generic.id());
        assertTrue(generic.questions().size() >= 3);
    }

    @Test
    void readsAValidFileWithScalesAndParents(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, VALID);
        Protocol p = ProtocolReader.read(file);
        assertEquals("a", p.region("b").orElseThrow().parent());
        assertEquals(2, p.question("q1").orElseThrow().severity().get(0).options().size());
        assertTrue(p.question("q1").orElseThrow().severity().get(0).allows(1));
        assertEquals(VALID, p.json());
    }

    /** Each mistake is reported with the JSON path where it is. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"format\": \"groundwork-protocol/1\"|\"format\": \"other\"|$.format|must be",
        "\"id\": \"p\"|\"id\": \"p q\"|$.id|may hold only",
        "\"version\": 1|\"version\": 1.5|$.version|whole number",
        "\"colour\": \"#445566\"|\"colour\": \"red\"|$.regions[1].colour|not a colour",
        "\"parent\": \"a\"|\"parent\": \"zz\"|$.regions[1].parent|no region has the id \"zz\"",
        "\"id\": \"b\"|\"id\": \"a\"|$.regions[1].id|used by two regions",
        "\"region\": \"b\"|\"region\": \"c\"|$.questions[0].region|no region has the id \"c\"",
        "\"options\": \"yesno\"|\"options\": \"yesnoo\"|$.questions[0].severity[0].options|no scale is named",
        "{\"value\": 0, \"meaning\": \"none\"}|{\"value\": 0, \"meanin\": \"none\"}|$.questions[0].severity[1].options[0].meanin|not a known key",
        "{\"value\": 1, \"meaning\": \"yes\"}|{\"value\": 0, \"meaning\": \"yes\"}|$.scales.yesno[1].value|appears twice",
        "\"steps\": [\"Box it.\"]|\"steps\": [\"\"]|$.questions[0].steps[0]|non-empty text",
        "\"text\": \"Is it there?\"|\"txt\": \"Is it there?\"|$.questions[0].txt|not a known key",
        "\"name\": \"size\"|\"name\": \"present\"|$.questions[0].severity[1].name|used by two fields",
        "\"parent\": \"a\", |\"parent\": \"b\", |$.regions[1].parent|own ancestors",
    })
    void namesThePathOfEveryMistake(String from, String to, String path, String reason, @TempDir Path dir)
            throws Exception {
        assertTrue(VALID.contains(from), from);
        Path file = dir.resolve("bad.json");
        Files.writeString(file, VALID.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolReader.read(file));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
    }

    @Test
    void refusesBrokenAndTruncatedFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.json");
        for (int length = 0; length < VALID.strip().length(); length += 7) {
            Files.writeString(file, VALID.substring(0, length));
            ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolReader.read(file),
                    "cut at " + length);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThrows(ProtocolException.class, () -> ProtocolReader.read(file));
        assertThrows(ProtocolException.class, () -> ProtocolReader.read(dir.resolve("missing.json")));
        Files.writeString(file, "[1, 2]");
        assertEquals("$", assertThrows(ProtocolException.class, () -> ProtocolReader.read(file)).jsonPath());
    }
}
