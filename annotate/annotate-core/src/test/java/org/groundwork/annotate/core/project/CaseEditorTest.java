package org.groundwork.annotate.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseEditorTest {
    private static final long CASE = 7;
    private static final Provenance ME = Provenance.human("reader", Instant.parse("2026-01-02T03:04:05Z"));

    static Box box(String id, int from, int to) {
        return new Box(id, CASE, "femur-medial-central", "box " + id, new int[] {from, from, from},
                new int[] {to, to, to}, Box.Shape.VOLUME, new double[] {0, 0, 0, 1, 2, 3}, ME);
    }

    static Question question(String id, String text) {
        return new Question(id, CASE, "femur-medial-central", "q20", text, ME);
    }

    static ReasoningStep step(String id, String text) {
        return new ReasoningStep(id, "q", text, new Evidence.BoxRef("b"), ME);
    }

    /** A case with a box, a question, a three-step chain and one grade. */
    static CaseAnnotations annotated() {
        return CaseAnnotations.of(CASE, List.of(box("b", 1, 5)), List.of(question("q", "Is it damaged?")),
                List.of(step("s1", "one"), step("s2", "two"), step("s3", "three")),
                List.of(new Grade("q", "Size of lesion", 2, ME)));
    }

    static Stream<Arguments> everyKindOfEdit() {
        List<Edit> edits = List.of(
                new Edit.PutBox(box("new", 2, 9)),
                new Edit.PutBox(box("b", 0, 3)),
                new Edit.DeleteBox(CASE, "b"),
                new Edit.PutQuestion(question("q2", "Another?")),
                new Edit.PutQuestion(question("q", "Reworded?")),
                new Edit.DeleteQuestion(CASE, "q"),
                new Edit.PutStep(CASE, step("s4", "four"), 1),
                new Edit.PutStep(CASE, step("s3", "three, moved first"), 0),
                new Edit.PutStep(CASE, step("s2", "two, edited").withEvidence(
                        new Evidence.ViewBookmark("AXIAL", 12, 40, 400, new double[] {1, 2, 3})), 1),
                new Edit.DeleteStep(CASE, "q", "s2"),
                new Edit.SetGrade(CASE, new Grade("q", "Size of lesion", 3, ME)),
                new Edit.SetGrade(CASE, new Grade("q", "Depth of lesion", 1, ME)),
                new Edit.ClearGrade(CASE, "q", "Size of lesion"),
                new Edit.Batch(CASE, List.of(new Edit.DeleteBox(CASE, "b"), new Edit.PutBox(box("c", 3, 4)),
                        new Edit.PutStep(CASE, step("s1", "one").withEvidence(new Evidence.BoxRef("c")), 2))));
        return edits.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("everyKindOfEdit")
    void undoRestoresAndRedoReappliesEveryKindOfEdit(Edit edit) throws Exception {
        List<Edit> written = new ArrayList<>();
        CaseAnnotations before = annotated();
        CaseEditor editor = new CaseEditor(before, written::add);
        editor.apply(edit);
        CaseAnnotations after = editor.current();
        assertNotEquals(before, after, "the edit changes something");
        assertEquals(before.apply(edit), after);

        assertEquals(edit, editor.undo());
        assertEquals(before, editor.current());
        assertTrue(editor.canRedo());
        assertEquals(edit, editor.redo());
        assertEquals(after, editor.current());
        editor.undo();

        // What the store received replays to the same states: the store and the model agree.
        CaseAnnotations replayed = before;
        for (Edit e : written) {
            replayed = replayed.apply(e);
        }
        assertEquals(before, replayed);
        assertEquals(4, written.size(), "apply, undo, redo, undo");
    }

    @Test
    void chainOrderFollowsPutsAndDeletes() {
        CaseAnnotations a = annotated().apply(new Edit.PutStep(CASE, step("s3", "three"), 0));
        assertEquals(List.of("s3", "s1", "s2"), ids(a.steps("q")));
        a = a.apply(new Edit.PutStep(CASE, step("s3", "three"), 99));
        assertEquals(List.of("s1", "s2", "s3"), ids(a.steps("q")));
        a = a.apply(new Edit.DeleteStep(CASE, "q", "s2"));
        assertEquals(List.of("s1", "s3"), ids(a.steps("q")));
        a = a.apply(new Edit.DeleteQuestion(CASE, "q"));
        assertTrue(a.steps("q").isEmpty());
        assertTrue(a.grades("q").isEmpty());
    }

    @Test
    void aNewEditClearsRedoAndAFailedWriteChangesNothing() throws Exception {
        boolean[] fail = {false};
        CaseEditor editor = new CaseEditor(annotated(), e -> {
            if (fail[0]) {
                throw new ProjectException(Path.of("p"), "the disk is full; the last edit was not saved");
            }
        });
        editor.apply(new Edit.DeleteBox(CASE, "b"));
        editor.undo();
        editor.apply(new Edit.PutBox(box("x", 1, 2)));
        assertFalse(editor.canRedo());
        CaseAnnotations before = editor.current();
        fail[0] = true;
        assertThrows(ProjectException.class, () -> editor.apply(new Edit.DeleteBox(CASE, "b")));
        assertEquals(before, editor.current());
        assertThrows(ProjectException.class, editor::undo);
        assertEquals(before, editor.current());
        assertTrue(editor.canUndo(), "a failed undo can be tried again");
    }

    @Test
    void caseStateIsNotUndoable() {
        assertThrows(IllegalArgumentException.class,
                () -> annotated().inverse(new Edit.SetCaseStatus(CASE, CaseStatus.DONE)));
        assertEquals(annotated(), annotated().apply(new Edit.AddActiveTime(CASE, 5)));
    }

    @Test
    void listenersHearEveryChange() throws Exception {
        int[] heard = {0};
        CaseEditor editor = new CaseEditor(annotated(), e -> { });
        editor.addListener(() -> heard[0]++);
        editor.apply(new Edit.DeleteBox(CASE, "b"));
        editor.undo();
        editor.redo();
        assertEquals(3, heard[0]);
        assertEquals(null, new CaseEditor(annotated(), e -> { }).undo());
    }

    private static List<String> ids(List<ReasoningStep> steps) {
        return steps.stream().map(ReasoningStep::id).toList();
    }

}
