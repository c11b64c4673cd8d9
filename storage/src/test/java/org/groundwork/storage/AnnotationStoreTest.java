package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationStoreTest {
    private static final Provenance ME = Provenance.human("dr.a", Instant.parse("2026-05-06T07:08:09.123Z"));
    private static final Provenance MODEL = new Provenance("dr.a", Instant.parse("2026-05-06T07:09:00Z"),
            Provenance.Origin.MODEL_EDITED, "knee-boxes-v1", "ab12");

    @TempDir
    Path tmp;

    private static List<Edit> chain(long caseId) {
        Box box = new Box("b1", caseId, "femur-medial-central", "FMC", new int[] {1, 0, 0}, new int[] {3, 2, 2},
                Box.Shape.VOLUME, new double[] {0.5, -0.5, -0.5, 2.5, 1.5, 1.5}, MODEL);
        Box flat = new Box("b2", caseId, "patella-medial", null, new int[] {0, 0, 1}, new int[] {4, 4, 2},
                Box.Shape.SLICE, null, ME);
        Question q = new Question("q1", caseId, "femur-medial-central", "q20", "Is the cartilage damaged?", ME);
        return List.of(new Edit.PutBox(box), new Edit.PutBox(flat), new Edit.PutQuestion(q),
                new Edit.PutStep(caseId, new ReasoningStep("s1", "q1", "Find the condyle.", new Evidence.BoxRef("b1"), ME), 0),
                new Edit.PutStep(caseId, new ReasoningStep("s2", "q1", "Thinning on slice 1.",
                        new Evidence.ViewBookmark("SAGITTAL", 1, 300.5, 800, new double[] {1.25, -2, 3}), ME), 1),
                new Edit.PutStep(caseId, new ReasoningStep("s3", "q1", "Less than 10% full thickness.", null, MODEL), 1),
                new Edit.SetGrade(caseId, new Grade("q1", "Size of lesion", 2, ME)),
                new Edit.SetGrade(caseId, new Grade("q1", "Depth of lesion", 1, MODEL)));
    }

    @Test
    void everyAnnotationSurvivesReopeningExactly() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        CaseAnnotations expected;
        long caseId;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            caseId = store.cases().get(0).id();
            CaseEditor editor = new CaseEditor(store.annotations(caseId), e -> store.apply(e, "dr.a"));
            for (Edit e : chain(caseId)) {
                editor.apply(e);
            }
            editor.apply(new Edit.PutStep(caseId, editor.current().steps("q1").get(2), 0)); // reorder
            expected = editor.current();
            assertEquals(List.of("s2", "s1", "s3"), expected.steps("q1").stream().map(ReasoningStep::id).toList());
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(expected, store.annotations(caseId));
            assertEquals(Box.Shape.SLICE, store.annotations(caseId).box("b2").orElseThrow().shape());
            assertEquals(MODEL, store.annotations(caseId).grades("q1").get("Depth of lesion").provenance());
        }
    }

    @Test
    void undoingADeletedQuestionBringsBackItsChainAndGrades() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            CaseEditor editor = new CaseEditor(store.annotations(caseId), e -> store.apply(e, "dr.a"));
            for (Edit e : chain(caseId)) {
                editor.apply(e);
            }
            CaseAnnotations full = store.annotations(caseId);
            editor.apply(new Edit.DeleteQuestion(caseId, "q1"));
            assertTrue(store.annotations(caseId).steps("q1").isEmpty());
            assertTrue(store.annotations(caseId).grades("q1").isEmpty());
            editor.undo();
            assertEquals(full, store.annotations(caseId));
            editor.redo();
            assertEquals(editor.current(), store.annotations(caseId));
        }
    }

    @Test
    void aBatchIsAllOrNothing() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            Edit bad = new Edit.Batch(caseId, List.of(chain(caseId).get(0),
                    new Edit.SetGrade(caseId, new Grade("no-such-question", "grade", 1, ME))));
            ProjectException e = assertThrows(ProjectException.class, () -> store.apply(bad, "dr.a"));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            assertTrue(store.annotations(caseId).boxes().isEmpty(), "the first edit of the batch was rolled back");
            assertThrows(ProjectException.class, () -> store.apply(
                    new Edit.PutStep(caseId, new ReasoningStep("s", "nope", "x", null, ME), 0), "dr.a"));
        }
    }

    @Test
    void aProjectKeepsTheProtocolItWasCreatedWith() throws Exception {
        Path project = tmp.resolve("generic");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project,
                ProtocolReader.builtIn("generic-findings"))) {
            assertEquals("generic-findings", store.protocol().id());
        }
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            assertEquals("generic-findings", store.protocol().id(), "the default applies to new projects only");
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(TestProjects.withOneCase(tmp),
                SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals("knee-mri", store.protocol().id());
        }
    }
}
