package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Progress;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each case's completeness is kept with its edits, and counted once for cases from before. */
class ProgressStoreTest {
    private static final Provenance A = Provenance.human("dr.a", Instant.EPOCH);
    private static final Provenance B = Provenance.human("dr.b", Instant.EPOCH);

    @TempDir
    Path tmp;

    @Test
    void everyEditOfAnAnswerKeepsTheCasesProgressOverallAndPerReader() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long id = store.cases().get(0).id();
            assertEquals(Map.of(id, Map.of("", 0.0)), store.progress(), "no question yet");
            store.apply(new Edit.PutQuestion(new Question("qa", id, "femur-medial-central", "q20", "?", A)), "dr.a");
            store.apply(new Edit.PutQuestion(new Question("qb", id, "femur-medial-central", "q20", "?", B)), "dr.b");
            store.apply(new Edit.PutBox(new Box("ba", id, "femur-medial-central", null, new int[3], new int[] {2, 2, 2}, A)), "dr.a");
            store.apply(new Edit.PutStep(id, new ReasoningStep("sa", "qa", "look", null, A), 0), "dr.a");
            store.apply(new Edit.SetGrade(id, new Grade("qa", "Size of lesion", 1, A)), "dr.a");
            store.apply(new Edit.SetGrade(id, new Grade("qa", "Depth of lesion", 0, A)), "dr.a");
            CaseAnnotations a = store.annotations(id);
            assertEquals(Map.of(id, Map.of("", Progress.completeness(a, store.protocol()), "dr.a", 1.0, "dr.b", 0.0)),
                    store.progress());
            assertEquals(0.5, store.progress().get(id).get(""), "one of the two readings is complete");

            store.apply(new Edit.ClearGrade(id, "qa", "Depth of lesion"), "dr.a");
            assertEquals(0.0, store.progress().get(id).get("dr.a"), "a cleared grade makes it incomplete again");
        }
    }

    @Test
    void casesFromBeforeTheTableAreCountedOnceAndKept() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        long id;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            id = store.cases().get(0).id();
            store.apply(new Edit.PutQuestion(new Question("qa", id, "femur-medial-central", "q20", "?", A)), "dr.a");
            try (Statement s = store.connection().createStatement()) {
                s.execute("DELETE FROM case_progress"); // as a project written before the table was kept
            }
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(Map.of(id, Map.of("", 0.0, "dr.a", 0.0)), store.progress(), "counted, not written, read-only");
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            assertEquals(Map.of(id, Map.of("", 0.0, "dr.a", 0.0)), store.progress());
            try (Statement s = store.connection().createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM case_progress")) {
                assertEquals(2, rs.getInt(1), "kept for the next time");
            }
        }
    }
}
