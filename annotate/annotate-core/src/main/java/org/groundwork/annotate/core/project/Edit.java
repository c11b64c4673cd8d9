package org.groundwork.annotate.core.project;

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

    record SetCaseStatus(long caseId, CaseStatus status) implements Edit {
    }

    record AssignCase(long caseId, String assignee) implements Edit {
    }

    /** Active time (window focused, user acting) spent on a case. */
    record AddActiveTime(long caseId, long seconds) implements Edit {
    }
}
