package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Readings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderAssignmentStoreTest {
    @TempDir
    Path tmp;

    @Test
    void readersDealtToACaseAndTheReadingSettingsSurviveReopening() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        long caseId;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            caseId = store.cases().get(0).id();
            assertTrue(store.readerAssignments().isEmpty(), "a project read before has no assignment: anyone reads");
            store.assignReaders(Map.of(caseId, List.of("dr.b", "dr.a")));
            store.putSetting(Readings.PER_CASE, "2");
            store.putSetting(Readings.BLIND, "true");
            store.assignReaders(Map.of(caseId, List.of("dr.c", "dr.a")));
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(Map.of(caseId, List.of("dr.c", "dr.a")), store.readerAssignments(), "replaced, in dealt order");
            assertEquals("2", store.setting(Readings.PER_CASE).orElseThrow());
            assertEquals("true", store.setting(Readings.BLIND).orElseThrow());
            assertThrows(IllegalStateException.class, () -> store.assignReaders(Map.of(caseId, List.of("x"))));
        }
    }

    @Test
    void aCaseThatDoesNotExistCannotBeAssigned() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            assertThrows(ProjectException.class, () -> store.assignReaders(Map.of(caseId, List.of("a"), 999L, List.of("b"))));
            assertTrue(store.readerAssignments().isEmpty(), "all or nothing");
        }
    }
}
