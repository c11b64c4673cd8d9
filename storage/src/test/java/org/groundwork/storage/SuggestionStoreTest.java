package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.groundwork.annotate.core.project.Suggestion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuggestionStoreTest {
    @TempDir
    Path tmp;

    private static Suggestion proposal(String id, long caseId, String region, int shift) {
        return new Suggestion(id, caseId, region, new int[] {1 + shift, 2, 3}, new int[] {10 + shift, 20, 30}, 0.625,
                "atlas-prior", "9f".repeat(32), 42, Instant.parse("2026-11-30T10:00:0" + shift + "Z"),
                Suggestion.Fate.PENDING);
    }

    @Test
    void proposalsSurviveReopeningInOrderAndMakeNoBox() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        long caseId;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            caseId = store.cases().get(0).id();
            store.addSuggestions(List.of(proposal("s1", caseId, "acl", 0), proposal("s2", caseId, "pcl", 1)));
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            List<Suggestion> read = store.suggestions(caseId);
            assertEquals(List.of("s1", "s2"), read.stream().map(Suggestion::id).toList());
            Suggestion s = read.get(1);
            assertEquals("pcl", s.regionId());
            assertArrayEquals(new int[] {2, 2, 3}, s.min());
            assertArrayEquals(new int[] {11, 20, 30}, s.max());
            assertEquals(0.625, s.confidence());
            assertEquals("9f".repeat(32), s.modelHash());
            assertEquals(42, s.latencyMillis());
            assertEquals(Instant.parse("2026-11-30T10:00:01Z"), s.createdAt());
            assertEquals(Suggestion.Fate.PENDING, s.fate());
            assertEquals(0, store.summary().boxes(), "a proposal is not a box");
            assertTrue(store.suggestions(caseId + 1).isEmpty());
            assertThrows(IllegalStateException.class, () -> store.addSuggestions(List.of(proposal("s3", caseId, "acl", 2))));
        }
    }

    @Test
    void aFailedBatchStoresNothing() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            // The second proposal points at a case that does not exist: the batch is one transaction.
            assertThrows(Exception.class, () -> store.addSuggestions(List.of(proposal("s1", caseId, "acl", 0),
                    proposal("s2", caseId + 99, "acl", 1))));
            assertTrue(store.suggestions(caseId).isEmpty());
        }
    }
}
