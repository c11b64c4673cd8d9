package org.groundwork.dataset.importer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;

/**
 * Writes imported readings into a project as the readings of their sources: each becomes a
 * question with its boxes, steps and grades, authored by "imported: <file>", on the case its image
 * became. A reader reviews, corrects and adjudicates them like any other reading.
 */
public final class ReadingWriter {
    /** What was written, and every reading that could not be, with the reason. */
    public record Result(int readings, int boxes, int steps, int grades, List<DatasetReadResult.Skipped> skipped) {
    }

    private ReadingWriter() {
    }

    /** The same source gave this answer (or these boxes) to the case before. */
    private static boolean alreadyImported(CaseAnnotations before, ImportedReading r) {
        if (r.question() == null) {
            return !r.boxes().isEmpty() && r.boxes().stream().allMatch(b -> before.boxes().stream().anyMatch(x ->
                    x.provenance().author().equals(r.source()) && Objects.equals(x.regionId(), r.regionId())
                    && Arrays.equals(x.min(), b[0]) && Arrays.equals(x.max(), b[1])));
        }
        return before.questions().stream().anyMatch(q -> q.provenance().author().equals(r.source())
                && Objects.equals(q.templateId(), r.templateId()) && (r.templateId() != null || q.text().equals(r.question())));
    }

    /** @param caseOfImage the project's case for each image file (absolute, normalised paths) */
    public static Result write(ProjectRepository project, List<ImportedReading> readings, Map<Path, Long> caseOfImage,
                               Instant now) throws ProjectException {
        int written = 0;
        int boxes = 0;
        int steps = 0;
        int grades = 0;
        List<DatasetReadResult.Skipped> skipped = new ArrayList<>();
        for (ImportedReading r : readings) {
            Long caseId = caseOfImage.get(r.image().toAbsolutePath().normalize());
            if (caseId == null) {
                skipped.add(new DatasetReadResult.Skipped(r.where(), "its image " + r.image() + " is not a case of the project"));
                continue;
            }
            if (alreadyImported(project.annotations(caseId), r)) {
                skipped.add(new DatasetReadResult.Skipped(r.where(), "already imported (" + r.source() + " answered it)"));
                continue;
            }
            // One transaction per reading: its boxes, then its question with the steps and grades.
            Provenance by = Provenance.human(r.source(), now);
            List<Edit> edits = new ArrayList<>();
            List<String> boxIds = new ArrayList<>();
            for (int[][] b : r.boxes()) {
                String id = UUID.randomUUID().toString();
                edits.add(new Edit.PutBox(new Box(id, caseId, r.regionId(), null, b[0], b[1], Box.Shape.VOLUME, null, by)));
                boxIds.add(id);
            }
            if (r.question() != null) {
                String questionId = UUID.randomUUID().toString();
                String text = r.question().isBlank() && r.templateId() != null
                        ? project.protocol().question(r.templateId()).map(t -> t.text()).orElse("") : r.question();
                edits.add(new Edit.PutQuestion(new Question(questionId, caseId, r.regionId(), r.templateId(), text, by)));
                for (int position = 0; position < r.steps().size(); position++) {
                    ImportedReading.Step s = r.steps().get(position);
                    Evidence evidence = s.boxIndex() != null && s.boxIndex() < boxIds.size()
                            ? new Evidence.BoxRef(boxIds.get(s.boxIndex())) : s.view();
                    edits.add(new Edit.PutStep(caseId, new ReasoningStep(UUID.randomUUID().toString(), questionId, s.text(),
                            evidence, by), position));
                }
                r.grades().forEach((field, value) -> edits.add(new Edit.SetGrade(caseId, new Grade(questionId, field, value, by))));
                steps += r.steps().size();
                grades += r.grades().size();
            }
            project.apply(new Edit.Batch(caseId, edits), r.source());
            boxes += boxIds.size();
            written++;
        }
        return new Result(written, boxes, steps, grades, skipped);
    }
}
