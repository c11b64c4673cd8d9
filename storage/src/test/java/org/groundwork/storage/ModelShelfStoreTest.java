package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ModelShelf;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Suggestion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained models kept in the project: their archives read back exactly, and one promoted at a time. */
class ModelShelfStoreTest {
    @TempDir
    Path tmp;

    static ModelShelf.Entry model(String name, int minute) {
        return new ModelShelf.Entry(name, name.repeat(4), "{\"name\":\"" + name + "\"}", "dr.a",
                Instant.parse("2026-12-01T08:%02d:00Z".formatted(minute)), false);
    }

    @Test
    void aModelIsPromotedOnlyOverTheOneItWasComparedWith() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        byte[] first = {1, 2, 3, 0, (byte) 0xff};
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            ModelShelf shelf = store.modelShelf();
            assertEquals(Optional.empty(), shelf.promotion());
            assertEquals(Optional.empty(), shelf.whyNotTrain());
            assertEquals(List.of(), shelf.list());
            assertTrue(shelf.add(model("m1", 1), first, true, null));
            // Compared with no model, but m1 was promoted meanwhile: kept, not promoted.
            assertFalse(shelf.add(model("m2", 2), new byte[] {9}, true, null));
            assertFalse(shelf.add(model("m3", 3), new byte[] {8}, false, "m1"));
            assertTrue(shelf.add(model("m4", 4), new byte[] {7}, true, "m1"));
            assertFalse(shelf.add(model("m5", 5), new byte[] {6}, true, "m1"), "m1 is no longer the promoted one");
            ProjectException twice = assertThrows(ProjectException.class, () -> shelf.add(model("m4", 6), first, false, null));
            assertTrue(twice.getMessage().startsWith(store.name()), twice.getMessage());

            // Back to an earlier model by hand, and forward again; a name the project does not hold is refused.
            assertEquals("m4 dr.a", shelf.promotion().map(p -> p.name() + " " + p.by()).orElseThrow(), "training promoted m4");
            shelf.promote("m1", "dr.lead");
            assertEquals(List.of("m1"), promoted(shelf));
            assertEquals("m1 dr.lead", shelf.promotion().map(p -> p.name() + " " + p.by()).orElseThrow());
            ProjectException unknown = assertThrows(ProjectException.class, () -> shelf.promote("m9", "dr.lead"));
            assertTrue(unknown.getMessage().contains("holds no model called m9"), unknown.getMessage());
            assertEquals(List.of("m1"), promoted(shelf));
            shelf.promote("m4", "dr.lead");
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            ModelShelf shelf = store.modelShelf();
            assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), shelf.list().stream().map(ModelShelf.Entry::name).toList());
            assertEquals(List.of("m4"), promoted(shelf));
            ModelShelf.Entry m1 = shelf.list().get(0);
            assertEquals(model("m1", 1), new ModelShelf.Entry(m1.name(), m1.hash(), m1.evaluation(), m1.trainedBy(),
                    m1.trainedAt(), false));
            assertArrayEquals(first, shelf.files("m1"));
            ProjectException none = assertThrows(ProjectException.class, () -> shelf.files("m9"));
            assertTrue(none.getMessage().contains("holds no model called m9"), none.getMessage());
            assertEquals(Optional.of("the project is open read-only, so no model is trained in it"), shelf.whyNotTrain());
            ProjectException refused = assertThrows(ProjectException.class, () -> shelf.add(model("m6", 7), first, true, "m4"));
            assertTrue(refused.getMessage().endsWith("open read-only, so no model is trained in it"), refused.getMessage());
            assertThrows(ProjectException.class, () -> shelf.promote("m1", "dr.lead"));
            assertEquals(List.of("m4"), promoted(shelf));
        }
    }

    @Test
    void eachModelVersionsProposalsAreTalliedByFate() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            assertEquals(java.util.Map.of(), store.modelShelf().uses());
            List<Suggestion> made = new java.util.ArrayList<>();
            for (int n = 0; n < 6; n++) {
                made.add(new Suggestion("s" + n, caseId, "acl", new int[] {1, 1, 1},
                        new int[] {5, 5, 5}, 0.5, "cnn-boxes", n < 5 ? "hash-a" : "hash-b", 10, Instant.now(),
                        Suggestion.Fate.PENDING, null, null, null, "dr.a"));
            }
            store.apply(new Edit.AddSuggestions(caseId, made), "dr.a");
            store.apply(decide(caseId, "s0", Suggestion.Fate.ACCEPTED, 1.0), "dr.a");
            store.apply(decide(caseId, "s1", Suggestion.Fate.EDITED, 0.5), "dr.a");
            store.apply(decide(caseId, "s2", Suggestion.Fate.REJECTED, null), "dr.a");
            store.apply(decide(caseId, "s3", Suggestion.Fate.REJECTED, null), "dr.a");
            var uses = store.modelShelf().uses();
            assertEquals(new ModelShelf.Use(5, 1, 2, 2, 0.75), uses.get("hash-a"));
            assertEquals("proposals made: 5 (1 pending); taken 2 of 4 decided (50%), mean IoU to the box kept 0.75",
                    uses.get("hash-a").text());
            assertEquals(1, uses.get("hash-b").pending());
            assertTrue(Double.isNaN(uses.get("hash-b").meanKeptIou()));
            assertEquals("proposals made: 1 (1 pending); taken 0 of 0 decided", uses.get("hash-b").text());
        }
    }

    private static Edit decide(long caseId, String id,
            Suggestion.Fate fate, Double iou) {
        return new Edit.DecideSuggestion(caseId, id, fate, iou, 1_000L);
    }

    private static List<String> promoted(ModelShelf shelf) throws ProjectException {
        return shelf.list().stream().filter(ModelShelf.Entry::promoted).map(ModelShelf.Entry::name).toList();
    }
}
