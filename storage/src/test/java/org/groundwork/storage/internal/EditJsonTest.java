package org.groundwork.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.project.Suggestion;
import org.junit.jupiter.api.Test;

/** Every kind of edit comes back from its JSON as the same edit (the offline journal depends on it). */
class EditJsonTest {
    private static final Provenance P = new Provenance("dr.a", Instant.parse("2026-05-06T07:08:09.123Z"),
            Provenance.Origin.MODEL_EDITED, "knee-boxes-v1", "ab12");

    static List<Edit> everyKind() {
        Box box = new Box("b1", 7, "femur", "F", new int[] {1, 2, 3}, new int[] {4, 5, 6}, Box.Shape.SLICE,
                new double[] {0.5, -1.5, 2, 3, 4, 5.25}, P);
        Suggestion s = new Suggestion("s1", 7, "femur", new int[] {1, 1, 1}, new int[] {2, 2, 2}, 0.75, "m", "h", 12,
                Instant.parse("2026-05-06T07:00:00Z"), Suggestion.Fate.PENDING, null, null, null, "dr.a");
        Edit step = new Edit.PutStep(7, new ReasoningStep("st", "q1", "Thinning.",
                new Evidence.ViewBookmark("SAGITTAL", 3, 300.5, 800, new double[] {1.25, -2, 3}), P), 1);
        return List.of(new Edit.PutBox(box), new Edit.DeleteBox(7, "b1"),
                new Edit.PutQuestion(new Question("q1", 7, "femur", "q20", "Damaged?", P)), new Edit.DeleteQuestion(7, "q1"),
                step, new Edit.PutStep(7, new ReasoningStep("s2", "q1", "See box.", new Evidence.BoxRef("b1"), P), 0),
                new Edit.DeleteStep(7, "q1", "st"), new Edit.SetGrade(7, new Grade("q1", "Size", 2, P)),
                new Edit.ClearGrade(7, "q1", "Size"), new Edit.SetCaseStatus(7, CaseStatus.values()[1]),
                new Edit.AssignCase(7, "dr.b"), new Edit.AddActiveTime(7, 42), new Edit.AddSuggestions(7, List.of(s)),
                new Edit.RemoveSuggestions(7, List.of("s1")),
                new Edit.DecideSuggestion(7, "s1", Suggestion.Fate.EDITED, 0.8, 1500L),
                new Edit.RevealSuggestion(7, "s1", new int[] {1, 2, 3, 4, 5, 6}),
                new Edit.Batch(7, List.of(new Edit.PutBox(box), step)));
    }

    @Test
    void everyKindOfEditReadsBackEqual() throws Exception {
        List<Edit> edits = everyKind();
        assertEquals(Set.of(Edit.class.getPermittedSubclasses()),
                edits.stream().map(Object::getClass).collect(Collectors.toSet()), "a kind of edit is not covered");
        for (Edit e : edits) {
            assertEquals(e, EditJson.read(EditJson.write(e)), EditJson.write(e));
        }
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> EditJson.read("{\"kind\":\"DropTable\",\"caseId\":7}"));
    }
}
