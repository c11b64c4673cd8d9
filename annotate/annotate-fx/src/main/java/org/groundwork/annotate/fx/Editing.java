package org.groundwork.annotate.fx;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.protocol.Protocol;

/**
 * What the tools and panels of one open case share: its editor, its protocol, who is editing, where
 * errors go.
 */
public record Editing(CaseEditor editor, Protocol protocol, Supplier<String> user, Clock clock,
                      Consumer<String> errors) {
    /** Applies an edit, reporting a failure instead of throwing; returns whether it was saved. */
    public boolean apply(Edit edit) {
        try {
            editor.apply(edit);
            return true;
        } catch (ProjectException e) {
            errors.accept(e.getMessage());
            return false;
        }
    }

    /** Provenance of something the user makes now. */
    public Provenance byUser() {
        return Provenance.human(user.get(), clock.instant());
    }

    public long caseId() {
        return editor.caseId();
    }
}
