package org.groundwork.annotate.core.project;

import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.SeverityField;

/**
 * What is still missing before a case's answers are complete: each question needs a box of its
 * region, at least one reasoning step and every severity field of its template graded.
 */
public final class Progress {
    private Progress() {
    }

    /** What a question still lacks, in words; empty when it is complete. */
    public static List<String> missing(CaseAnnotations annotations, Question question, Protocol protocol) {
        List<String> missing = new ArrayList<>();
        if (question.regionId() != null
                && annotations.boxes().stream().noneMatch(b -> question.regionId().equals(b.regionId()))) {
            missing.add("a box of " + protocol.regionName(question.regionId()));
        }
        if (annotations.steps(question.id()).isEmpty()) {
            missing.add("a reasoning step");
        }
        for (SeverityField field : severity(question, protocol)) {
            Grade grade = annotations.grades(question.id()).get(field.name());
            if (grade == null) {
                missing.add("the grade \"" + field.name() + "\"");
            } else if (!field.allows(grade.value())) {
                missing.add("a valid grade \"" + field.name() + "\" (" + grade.value() + " is not on its scale)");
            }
        }
        return missing;
    }

    /** The severity fields that grade a question: its template's, none for a free question. */
    public static List<SeverityField> severity(Question question, Protocol protocol) {
        return question.templateId() == null ? List.of()
                : protocol.question(question.templateId()).map(t -> t.severity()).orElse(List.of());
    }

    /** Share of complete questions, 0 with no question asked yet. */
    public static double completeness(CaseAnnotations annotations, Protocol protocol) {
        List<Question> questions = annotations.questions();
        if (questions.isEmpty()) {
            return 0;
        }
        long complete = questions.stream().filter(q -> missing(annotations, q, protocol).isEmpty()).count();
        return (double) complete / questions.size();
    }
}
