package org.groundwork.storage;

import org.groundwork.annotate.core.project.ProjectException;

/**
 * An edit refused because the case changed elsewhere (another workstation) since this one read
 * it. Nothing was written; read the case again and make the edit on what is there now.
 */
public final class StaleEditException extends ProjectException {
    private static final long serialVersionUID = 1L;
    private final long caseId;

    StaleEditException(String project, long caseId) {
        super(project, "case " + caseId + " was changed on another workstation since it was opened here; "
                + "the edit was not saved. The case is read again: make the edit on what is there now", null);
        this.caseId = caseId;
    }

    public long caseId() {
        return caseId;
    }
}
