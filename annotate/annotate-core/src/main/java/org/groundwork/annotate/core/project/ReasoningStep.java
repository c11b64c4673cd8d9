package org.groundwork.annotate.core.project;

import java.util.Objects;

/**
 * One step of the reasoning that answers a question; its place in the chain is kept by the chain.
 *
 * @param evidence what it points at in the images, or null
 */
public record ReasoningStep(String id, String questionId, String text, Evidence evidence, Provenance provenance) {
    public ReasoningStep {
        Objects.requireNonNull(id);
        Objects.requireNonNull(questionId);
        Objects.requireNonNull(text);
        Objects.requireNonNull(provenance);
    }

    public ReasoningStep withText(String newText) {
        return new ReasoningStep(id, questionId, newText, evidence, provenance);
    }

    public ReasoningStep withEvidence(Evidence newEvidence) {
        return new ReasoningStep(id, questionId, text, newEvidence, provenance);
    }
}
