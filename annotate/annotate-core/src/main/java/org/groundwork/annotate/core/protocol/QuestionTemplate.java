package org.groundwork.annotate.core.protocol;

import java.util.List;

/**
 * A question the protocol asks about a region, with the severity fields its answer grades and
 * optional prompts that suggest the reasoning steps.
 */
public record QuestionTemplate(String id, String region, String text, List<SeverityField> severity,
                               List<String> stepPrompts) {
    public QuestionTemplate {
        severity = List.copyOf(severity);
        stepPrompts = List.copyOf(stepPrompts);
    }
}
