package org.groundwork.annotate.core.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything annotated on one case: boxes, questions, each question's reasoning chain in order and
 * its grades. Immutable; {@link #apply} gives the state after an edit and {@link #inverse} the edit
 * that undoes it, which is all undo and redo need.
 */
public final class CaseAnnotations {
    private final long caseId;
    private final Map<String, Box> boxes;
    private final Map<String, Question> questions;
    private final Map<String, List<ReasoningStep>> steps;
    private final Map<String, Map<String, Grade>> grades;
    private final Map<String, Suggestion> suggestions;

    private CaseAnnotations(long caseId, Map<String, Box> boxes, Map<String, Question> questions,
                            Map<String, List<ReasoningStep>> steps, Map<String, Map<String, Grade>> grades,
                            Map<String, Suggestion> suggestions) {
        this.caseId = caseId;
        this.boxes = boxes;
        this.questions = questions;
        this.steps = steps;
        this.grades = grades;
        this.suggestions = suggestions;
    }

    public static CaseAnnotations empty(long caseId) {
        return new CaseAnnotations(caseId, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Builds the state read from a store: steps in chain order. Linear in the number of annotations. */
    public static CaseAnnotations of(long caseId, List<Box> boxes, List<Question> questions,
                                     List<ReasoningStep> orderedSteps, List<Grade> grades) {
        return of(caseId, boxes, questions, orderedSteps, grades, List.of());
    }

    /** As {@link #of(long, List, List, List, List)}, with the model proposals made for the case. */
    public static CaseAnnotations of(long caseId, List<Box> boxes, List<Question> questions,
                                     List<ReasoningStep> orderedSteps, List<Grade> grades, List<Suggestion> suggestions) {
        Map<String, Box> b = new LinkedHashMap<>();
        boxes.forEach(x -> b.put(x.id(), x));
        Map<String, Question> q = new LinkedHashMap<>();
        questions.forEach(x -> q.put(x.id(), x));
        Map<String, List<ReasoningStep>> s = new LinkedHashMap<>();
        orderedSteps.forEach(x -> s.computeIfAbsent(x.questionId(), k -> new ArrayList<>()).add(x));
        s.replaceAll((k, chain) -> Collections.unmodifiableList(chain));
        Map<String, Map<String, Grade>> g = new LinkedHashMap<>();
        grades.forEach(x -> g.computeIfAbsent(x.questionId(), k -> new LinkedHashMap<>()).put(x.field(), x));
        g.replaceAll((k, fields) -> Collections.unmodifiableMap(fields));
        Map<String, Suggestion> p = new LinkedHashMap<>();
        suggestions.forEach(x -> p.put(x.id(), x));
        return new CaseAnnotations(caseId, Collections.unmodifiableMap(b), Collections.unmodifiableMap(q),
                Collections.unmodifiableMap(s), Collections.unmodifiableMap(g), Collections.unmodifiableMap(p));
    }

    public long caseId() {
        return caseId;
    }

    public List<Box> boxes() {
        return List.copyOf(boxes.values());
    }

    public Optional<Box> box(String id) {
        return Optional.ofNullable(boxes.get(id));
    }

    public List<Question> questions() {
        return List.copyOf(questions.values());
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    /** A question's reasoning chain, in order. */
    public List<ReasoningStep> steps(String questionId) {
        return steps.getOrDefault(questionId, List.of());
    }

    /** A question's grades by field name. */
    public Map<String, Grade> grades(String questionId) {
        return grades.getOrDefault(questionId, Map.of());
    }

    /** Every model proposal made for the case, decided or not, oldest first. */
    public List<Suggestion> suggestions() {
        return List.copyOf(suggestions.values());
    }

    public Optional<Suggestion> suggestion(String id) {
        return Optional.ofNullable(suggestions.get(id));
    }

    /** The state after {@code edit}. Edits that do not concern annotations leave it unchanged. */
    public CaseAnnotations apply(Edit edit) {
        if (edit.caseId() != caseId) {
            throw new IllegalArgumentException("edit of case " + edit.caseId() + " applied to case " + caseId);
        }
        var b = new LinkedHashMap<>(boxes);
        var q = new LinkedHashMap<>(questions);
        var s = new LinkedHashMap<>(steps);
        var g = new LinkedHashMap<>(grades);
        var p = new LinkedHashMap<>(suggestions);
        if (edit instanceof Edit.PutBox put) {
            b.put(put.box().id(), put.box());
        } else if (edit instanceof Edit.DeleteBox delete) {
            b.remove(delete.boxId());
        } else if (edit instanceof Edit.PutQuestion put) {
            q.put(put.question().id(), put.question());
        } else if (edit instanceof Edit.DeleteQuestion delete) {
            q.remove(delete.questionId());
            s.remove(delete.questionId());
            g.remove(delete.questionId());
        } else if (edit instanceof Edit.PutStep put) {
            List<ReasoningStep> chain = new ArrayList<>(steps(put.step().questionId()));
            chain.removeIf(x -> x.id().equals(put.step().id()));
            chain.add(Math.max(0, Math.min(chain.size(), put.position())), put.step());
            s.put(put.step().questionId(), Collections.unmodifiableList(chain));
        } else if (edit instanceof Edit.DeleteStep delete) {
            List<ReasoningStep> chain = new ArrayList<>(steps(delete.questionId()));
            chain.removeIf(x -> x.id().equals(delete.stepId()));
            s.put(delete.questionId(), Collections.unmodifiableList(chain));
        } else if (edit instanceof Edit.SetGrade set) {
            var fields = new LinkedHashMap<>(grades(set.grade().questionId()));
            fields.put(set.grade().field(), set.grade());
            g.put(set.grade().questionId(), Collections.unmodifiableMap(fields));
        } else if (edit instanceof Edit.ClearGrade clear) {
            var fields = new LinkedHashMap<>(grades(clear.questionId()));
            fields.remove(clear.field());
            g.put(clear.questionId(), Collections.unmodifiableMap(fields));
        } else if (edit instanceof Edit.AddSuggestions add) {
            add.suggestions().forEach(x -> p.put(x.id(), x));
        } else if (edit instanceof Edit.RemoveSuggestions remove) {
            remove.suggestionIds().forEach(p::remove);
        } else if (edit instanceof Edit.DecideSuggestion decide) {
            Suggestion before = p.get(decide.suggestionId());
            if (before != null) {
                p.put(before.id(), before.decided(decide.fate(), decide.finalIou(), decide.decisionMillis()));
            }
        } else if (edit instanceof Edit.RevealSuggestion reveal) {
            Suggestion before = p.get(reveal.suggestionId());
            if (before != null) {
                p.put(before.id(), before.revealed(reveal.readerBox()));
            }
        } else if (edit instanceof Edit.Batch batch) {
            CaseAnnotations after = this;
            for (Edit e : batch.edits()) {
                after = after.apply(e);
            }
            return after;
        } else {
            return this; // status, assignment and time are case state, not annotations
        }
        return new CaseAnnotations(caseId, Collections.unmodifiableMap(b), Collections.unmodifiableMap(q),
                Collections.unmodifiableMap(s), Collections.unmodifiableMap(g), Collections.unmodifiableMap(p));
    }

    /**
     * The edit that brings the state after {@code edit} back to this state. Only annotation edits
     * can be undone; case status, assignment and time are not.
     */
    public Edit inverse(Edit edit) {
        if (edit instanceof Edit.PutBox put) {
            return box(put.box().id()).<Edit>map(Edit.PutBox::new).orElse(new Edit.DeleteBox(caseId, put.box().id()));
        } else if (edit instanceof Edit.DeleteBox delete) {
            return box(delete.boxId()).<Edit>map(Edit.PutBox::new).orElse(nothing());
        } else if (edit instanceof Edit.PutQuestion put) {
            return question(put.question().id()).<Edit>map(Edit.PutQuestion::new)
                    .orElse(new Edit.DeleteQuestion(caseId, put.question().id()));
        } else if (edit instanceof Edit.DeleteQuestion delete) {
            return question(delete.questionId()).map(this::restore).orElse(nothing());
        } else if (edit instanceof Edit.PutStep put) {
            return stepEdit(put.step().questionId(), put.step().id())
                    .orElse(new Edit.DeleteStep(caseId, put.step().questionId(), put.step().id()));
        } else if (edit instanceof Edit.DeleteStep delete) {
            return stepEdit(delete.questionId(), delete.stepId()).orElse(nothing());
        } else if (edit instanceof Edit.SetGrade set) {
            return gradeEdit(set.grade().questionId(), set.grade().field());
        } else if (edit instanceof Edit.ClearGrade clear) {
            return gradeEdit(clear.questionId(), clear.field());
        } else if (edit instanceof Edit.AddSuggestions add) {
            return new Edit.RemoveSuggestions(caseId, add.suggestions().stream().map(Suggestion::id).toList());
        } else if (edit instanceof Edit.RemoveSuggestions remove) {
            return new Edit.AddSuggestions(caseId, remove.suggestionIds().stream().map(suggestions::get)
                    .filter(java.util.Objects::nonNull).toList());
        } else if (edit instanceof Edit.DecideSuggestion decide) {
            return suggestion(decide.suggestionId()).<Edit>map(x -> new Edit.DecideSuggestion(caseId, x.id(), x.fate(),
                    x.finalIou(), x.decisionMillis())).orElse(nothing());
        } else if (edit instanceof Edit.RevealSuggestion reveal) {
            return suggestion(reveal.suggestionId()).<Edit>map(x -> new Edit.RevealSuggestion(caseId, x.id(), x.blind()))
                    .orElse(nothing());
        } else if (edit instanceof Edit.Batch batch) {
            List<Edit> undo = new ArrayList<>();
            CaseAnnotations state = this;
            for (Edit e : batch.edits()) {
                undo.add(0, state.inverse(e));
                state = state.apply(e);
            }
            return new Edit.Batch(caseId, undo);
        }
        throw new IllegalArgumentException("only annotation edits are undone, not " + edit);
    }

    private Edit nothing() {
        return new Edit.Batch(caseId, List.of());
    }

    /** The edits that recreate a question with its chain and grades. */
    private Edit restore(Question question) {
        List<Edit> edits = new ArrayList<>();
        edits.add(new Edit.PutQuestion(question));
        List<ReasoningStep> chain = steps(question.id());
        for (int i = 0; i < chain.size(); i++) {
            edits.add(new Edit.PutStep(caseId, chain.get(i), i));
        }
        grades(question.id()).values().forEach(g -> edits.add(new Edit.SetGrade(caseId, g)));
        return new Edit.Batch(caseId, edits);
    }

    private Optional<Edit> stepEdit(String questionId, String stepId) {
        List<ReasoningStep> chain = steps(questionId);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).id().equals(stepId)) {
                return Optional.of(new Edit.PutStep(caseId, chain.get(i), i));
            }
        }
        return Optional.empty();
    }

    private Edit gradeEdit(String questionId, String field) {
        Grade old = grades(questionId).get(field);
        return old != null ? new Edit.SetGrade(caseId, old) : new Edit.ClearGrade(caseId, questionId, field);
    }

    /**
     * One reader's reading of the case: the boxes and questions they wrote, with their questions'
     * steps and grades, and the model proposals made for them (what they did with a proposal, and the
     * box they drew before revealing it, are part of their reading).
     */
    public CaseAnnotations readBy(String reader) {
        List<Question> own = questions.values().stream().filter(q -> q.provenance().author().equals(reader)).toList();
        List<ReasoningStep> ownSteps = new ArrayList<>();
        List<Grade> ownGrades = new ArrayList<>();
        for (Question q : own) {
            ownSteps.addAll(steps(q.id()));
            ownGrades.addAll(grades(q.id()).values());
        }
        return of(caseId, boxes.values().stream().filter(b -> b.provenance().author().equals(reader)).toList(), own,
                ownSteps, ownGrades, suggestions.values().stream().filter(s -> s.shownTo(reader)).toList());
    }

    /** Who read the case: the authors of its questions and boxes, in the order they first appear. */
    public List<String> readers() {
        java.util.LinkedHashSet<String> readers = new java.util.LinkedHashSet<>();
        questions.values().forEach(q -> readers.add(q.provenance().author()));
        boxes.values().forEach(b -> readers.add(b.provenance().author()));
        return List.copyOf(readers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseAnnotations a && caseId == a.caseId && boxes.equals(a.boxes)
                && questions.equals(a.questions) && nonEmpty(steps).equals(nonEmpty(a.steps))
                && nonEmpty(grades).equals(nonEmpty(a.grades)) && suggestions.equals(a.suggestions);
    }

    private static <V> Map<String, V> nonEmpty(Map<String, V> map) {
        Map<String, V> kept = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(v instanceof List<?> l && l.isEmpty()) && !(v instanceof Map<?, ?> m && m.isEmpty())) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(caseId) * 31 + boxes.keySet().hashCode() + questions.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "CaseAnnotations[case " + caseId + ", boxes " + boxes.values() + ", questions " + questions.keySet()
                + ", steps " + steps + ", grades " + grades + "]";
    }
}
