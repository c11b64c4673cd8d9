package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Suggestion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model proposals as edits: stored pending, decided, undone, and read back exactly. */
class SuggestionStoreTest {
    private static final String READER = "dr.a";

    @TempDir
    Path tmp;

    private static Suggestion proposal(String id, long caseId, String region, int shift) {
        return Suggestion.pending(id, caseId, region, new int[] {1 + shift, 2, 3}, new int[] {10 + shift, 20, 30},
                0.625, "atlas-prior", "9f".repeat(32), 42, Instant.parse("2026-11-30T10:00:0" + shift + "Z"), READER);
    }

    @Test
    void proposalsAndDecisionsSurviveReopeningAndMakeNoBox() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        long caseId;
        CaseAnnotations expected;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            caseId = store.cases().get(0).id();
            Edit add = new Edit.AddSuggestions(caseId, List.of(proposal("s1", caseId, "acl", 0),
                    proposal("s2", caseId, "pcl", 1)));
            Edit reject = new Edit.DecideSuggestion(caseId, "s2", Suggestion.Fate.REJECTED, 0.0, 5300L);
            store.apply(add, "dr.a");
            store.apply(reject, "dr.a");
            expected = CaseAnnotations.empty(caseId).apply(add).apply(reject);
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            CaseAnnotations read = store.annotations(caseId);
            assertEquals(expected, read);
            Suggestion s = read.suggestion("s2").orElseThrow();
            assertEquals("pcl", s.regionId());
            assertArrayEquals(new int[] {2, 2, 3}, s.min());
            assertArrayEquals(new int[] {11, 20, 30}, s.max());
            assertEquals(Suggestion.Fate.REJECTED, s.fate());
            assertEquals(5300L, s.decisionMillis());
            assertNull(read.suggestion("s1").orElseThrow().finalIou());
            assertEquals(0, store.summary().boxes(), "a proposal is not a box");
            assertEquals(expected, store.annotations().get(caseId));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve(SqliteProjectStore.DATABASE));
             ResultSet rs = c.createStatement().executeQuery("SELECT decided_by, decided_at FROM suggestions WHERE id = 's2'")) {
            assertEquals("dr.a", rs.getString(1));
            assertTrue(rs.getString(2) != null);
        }
    }

    @Test
    void undoingAProposalRemovesItAndUndoingADecisionMakesItPendingAgain() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            CaseAnnotations before = store.annotations(caseId);
            Edit add = new Edit.AddSuggestions(caseId, List.of(proposal("s1", caseId, "acl", 0)));
            store.apply(add, "dr.a");
            CaseAnnotations added = store.annotations(caseId);
            Edit accept = new Edit.DecideSuggestion(caseId, "s1", Suggestion.Fate.ACCEPTED, 1.0, 900L);
            store.apply(accept, "dr.a");
            store.apply(added.inverse(accept), "dr.a");
            assertEquals(added, store.annotations(caseId));
            store.apply(before.inverse(add), "dr.a");
            assertEquals(before, store.annotations(caseId));
        }
    }

    @Test
    void theReadersBoxAtRevealAndTheBlindFirstSettingAreKept() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        long caseId;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            caseId = store.cases().get(0).id();
            assertTrue(store.setting(SqliteProjectStore.BLIND_FIRST).isEmpty());
            store.putSetting(SqliteProjectStore.BLIND_FIRST, "true");
            store.apply(new Edit.AddSuggestions(caseId, List.of(proposal("s1", caseId, "acl", 0))), "dr.a");
            store.apply(new Edit.RevealSuggestion(caseId, "s1", new int[] {4, 5, 6, 7, 8, 9}), "dr.a");
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            assertEquals("true", store.setting(SqliteProjectStore.BLIND_FIRST).orElseThrow());
            Suggestion s = store.annotations(caseId).suggestion("s1").orElseThrow();
            assertArrayEquals(new int[] {4, 5, 6, 7, 8, 9}, s.blind());
            assertArrayEquals(new int[] {1, 2, 3}, s.min(), "the proposal itself is unchanged");
            store.apply(new Edit.RevealSuggestion(caseId, "s1", null), "dr.a"); // undone: hidden again
            assertNull(store.annotations(caseId).suggestion("s1").orElseThrow().blind());
        }
    }

    @Test
    void proposalsForAMissingCaseAreRefusedWhole() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            assertThrows(ProjectException.class, () -> store.apply(new Edit.AddSuggestions(caseId,
                    List.of(proposal("s1", caseId, "acl", 0), proposal("s2", caseId + 99, "acl", 1))), "dr.a"));
            assertTrue(store.annotations(caseId).suggestions().isEmpty());
        }
    }

    @Test
    void aProposalIsShownOnlyToItsReaderAndOneFromBeforeBelongsToWhoeverRevealsItFirst() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        long caseId;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            caseId = store.cases().get(0).id();
            Suggestion forB = Suggestion.pending("s2", caseId, "pcl", new int[] {1, 2, 3}, new int[] {4, 5, 6}, 0.5,
                    "atlas-prior", "9f".repeat(32), 42, Instant.parse("2026-11-30T10:00:05Z"), "dr.b");
            store.apply(new Edit.AddSuggestions(caseId, List.of(proposal("s1", caseId, "acl", 0))), "dr.a");
            store.apply(new Edit.AddSuggestions(caseId, List.of(forB)), "dr.b");
            store.apply(new Edit.RevealSuggestion(caseId, "s2", new int[] {7, 7, 7, 9, 9, 9}), "dr.b");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve(SqliteProjectStore.DATABASE))) {
            // A proposal stored before proposals were kept per reader.
            c.createStatement().executeUpdate("INSERT INTO suggestions(id, case_id, model_id, model_hash, payload, "
                    + "region_id, confidence, latency_ms, created_at) VALUES ('s0', " + caseId + ", 'atlas-prior', "
                    + "'h', '[1,1,1,2,2,2]', 'mcl', 0.4, 10, '2026-11-29T10:00:00Z')");
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            CaseAnnotations all = store.annotations(caseId);
            assertEquals(List.of("s0", "s1", "s2"), all.suggestions().stream().map(Suggestion::id).toList(),
                    "a project's whole record keeps every proposal");
            assertEquals(List.of("s0", "s1"), ids(all.readBy("dr.a")), "dr.b's proposal and the box drawn before it stay dr.b's");
            assertEquals(List.of("s0", "s2"), ids(all.readBy("dr.b")));
            assertEquals("dr.b", all.suggestion("s2").orElseThrow().reader());
            assertNull(all.suggestion("s0").orElseThrow().reader());

            store.apply(new Edit.RevealSuggestion(caseId, "s0", new int[] {1, 1, 1, 3, 3, 3}), "dr.b");
            CaseAnnotations after = store.annotations(caseId);
            assertEquals(List.of("s1"), ids(after.readBy("dr.a")), "revealed by dr.b, the old proposal is dr.b's");
            assertEquals(List.of("s0", "s2"), ids(after.readBy("dr.b")));
        }
    }

    private static List<String> ids(CaseAnnotations a) {
        return a.suggestions().stream().map(Suggestion::id).toList();
    }
}
