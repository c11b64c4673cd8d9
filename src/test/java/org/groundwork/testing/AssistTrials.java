package org.groundwork.testing;

import java.util.List;
import org.groundwork.annotate.core.project.AssistTrial;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;

/** Assist trials in tests: a project whose cases fall in both arms, whatever its own secret drew. */
public final class AssistTrials {
    private AssistTrials() {
    }

    /** The unread cases (no box yet) in the arm with proposals and in the arm without. */
    public record Arms(List<Long> with, List<Long> without) {
    }

    /**
     * Gives the project a secret (tests only: nothing was exported with its own) that puts its unread
     * cases in both arms; the trial setting is left as it was.
     */
    public static Arms splitUnreadCases(ProjectRepository store) throws ProjectException {
        List<Long> unread = store.cases().stream().map(c -> c.id())
                .filter(id -> store.annotations(id).boxes().isEmpty()).toList();
        String setting = store.setting(AssistTrial.SETTING).orElse("off");
        try {
            store.putSetting(AssistTrial.SETTING, "on");
            for (int n = 0; ; n++) {
                store.putSetting("pseudonym_secret", "trial-test-" + n);
                AssistTrial trial = AssistTrial.of(store).orElseThrow();
                Arms arms = new Arms(unread.stream().filter(trial::withProposals).toList(),
                        unread.stream().filter(id -> !trial.withProposals(id)).toList());
                if (!arms.with().isEmpty() && !arms.without().isEmpty()) {
                    return arms;
                }
            }
        } finally {
            store.putSetting(AssistTrial.SETTING, setting);
        }
    }
}
