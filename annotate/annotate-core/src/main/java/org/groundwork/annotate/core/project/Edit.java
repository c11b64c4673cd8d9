package org.groundwork.annotate.core.project;

import java.util.List;

/**
 * One change a user makes to a project. The store writes each edit in its own transaction, with a
 * row in the audit log, before the change is acknowledged.
 */
public sealed interface Edit {
    long caseId();

    /** Creates the box, or replaces the box with the same id. */
    record PutBox(Box box) implements Edit {
        public long caseId() {
            return box.caseId();
        }
    }

    record DeleteBox(long caseId, String boxId) implements Edit {
    }

    /** Creates the question, or replaces the one with the same id (its steps and grades stay). */
    record PutQuestion(Question question) implements Edit {
        public long caseId() {
            return question.caseId();
        }
    }

    /** Deletes a question with its reasoning steps and grades. */
    record DeleteQuestion(long caseId, String questionId) implements Edit {
    }

    /**
     * Puts a reasoning step at {@code position} (0-based) of its question's chain: inserts a new
     * one, or replaces and moves an existing one (a reorder is a put at the new position).
     */
    record PutStep(long caseId, ReasoningStep step, int position) implements Edit {
    }

    record DeleteStep(long caseId, String questionId, String stepId) implements Edit {
    }

    record SetGrade(long caseId, Grade grade) implements Edit {
    }

    record ClearGrade(long caseId, String questionId, String field) implements Edit {
    }

    record SetCaseStatus(long caseId, CaseStatus status) implements Edit {
    }

    record AssignCase(long caseId, String assignee) implements Edit {
    }

    /** Active time (window focused, user acting) spent on a case. */
    record AddActiveTime(long caseId, long seconds) implements Edit {
    }

    /** Model proposals stored as pending; they make no box. */
    record AddSuggestions(long caseId, List<Suggestion> suggestions) implements Edit {
        public AddSuggestions {
            suggestions = List.copyOf(suggestions);
        }
    }

    /** Removes proposals (the undo of adding them). */
    record RemoveSuggestions(long caseId, List<String> suggestionIds) implements Edit {
        public RemoveSuggestions {
            suggestionIds = List.copyOf(suggestionIds);
        }
    }

    /**
     * What the reader did with a proposal: accepted (a box with the proposal's id holds it), edited,
     * rejected, or back to pending (an undo); with the IoU to the final box and the time it took.
     */
    record DecideSuggestion(long caseId, String suggestionId, Suggestion.Fate fate, Double finalIou,
                            Long decisionMillis) implements Edit {
    }

    /**
     * In blind-first mode: the proposal is shown now that the reader has drawn their own box of the
     * region, whose extent {@code readerBox} ([min i, j, k, max i, j, k]) is kept; null hides it again.
     */
    record RevealSuggestion(long caseId, String suggestionId, int[] readerBox) implements Edit {
        public RevealSuggestion {
            readerBox = readerBox == null ? null : readerBox.clone();
        }

        @Override
        public int[] readerBox() {
            return readerBox == null ? null : readerBox.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RevealSuggestion r && caseId == r.caseId && suggestionId.equals(r.suggestionId)
                    && java.util.Arrays.equals(readerBox, r.readerBox);
        }

        @Override
        public int hashCode() {
            return suggestionId.hashCode() * 31 + java.util.Arrays.hashCode(readerBox);
        }
    }

    /** Several edits of one case as one transaction (and one step of undo). */
    record Batch(long caseId, List<Edit> edits) implements Edit {
        public Batch {
            edits = List.copyOf(edits);
            for (Edit e : edits) {
                if (e.caseId() != caseId) {
                    throw new IllegalArgumentException("a batch holds edits of one case");
                }
            }
        }
    }
}
