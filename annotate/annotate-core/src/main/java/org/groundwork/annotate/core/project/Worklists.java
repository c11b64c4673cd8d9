package org.groundwork.annotate.core.project;

import java.util.List;
import java.util.Optional;

/** Choosing what to read next. */
public final class Worklists {
    private Worklists() {
    }

    /** The first unfinished case after {@code currentId} in list order, wrapping around; never the current one. */
    public static Optional<CaseRecord> nextUnfinished(List<CaseRecord> cases, long currentId) {
        int at = 0;
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).id() == currentId) {
                at = i;
            }
        }
        for (int n = 1; n <= cases.size(); n++) {
            CaseRecord c = cases.get((at + n) % cases.size());
            if (c.id() != currentId && c.status() != CaseStatus.DONE) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
