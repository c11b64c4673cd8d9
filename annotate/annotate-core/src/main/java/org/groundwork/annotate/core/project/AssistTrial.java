package org.groundwork.annotate.core.project;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A project's assist trial: each case is read with model proposals or without them, drawn at random
 * once and for all from the project's secret and the case, so that the reading time with and without
 * proposals can be compared between groups that differ only by chance (see {@link AssistEffort}).
 */
public final class AssistTrial {
    /** The project setting: "on" while the trial runs. */
    public static final String SETTING = "assist.trial";

    private final String secret;

    AssistTrial(String secret) {
        this.secret = secret;
    }

    /** The trial of a project whose setting is on, or empty. */
    public static Optional<AssistTrial> of(ProjectRepository project) throws ProjectException {
        if (!"on".equals(project.setting(SETTING).orElse(""))) {
            return Optional.empty();
        }
        return Optional.of(new AssistTrial(project.pseudonymSecret()));
    }

    /** Whether the case is in the arm read with proposals: about half the cases, fixed for each. */
    public boolean withProposals(long caseId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((secret + "/assist-trial/" + caseId).getBytes(StandardCharsets.UTF_8));
            return (digest[0] & 1) == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What a reader is told when asking for proposals on a case of the arm without them. */
    public static String withoutProposals(long caseId) {
        return "case " + caseId + " is read without proposals: the project's assist trial keeps them from about half "
                + "its cases, drawn at random, to measure what they change";
    }
}
