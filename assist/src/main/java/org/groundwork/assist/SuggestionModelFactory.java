package org.groundwork.assist;

import java.util.List;
import org.groundwork.viewer.core.LoadMonitor;

/**
 * Makes a {@link SuggestionModel} from a project's annotated cases. Listed in
 * {@code META-INF/services/org.groundwork.assist.SuggestionModelFactory} and found with {@link java.util.ServiceLoader}.
 */
public interface SuggestionModelFactory {
    String id();

    /** One line for lists and help. */
    String description();

    /** Learns from the cases (at least one); cancellable and reporting progress through {@code monitor}. */
    SuggestionModel train(List<TrainingCase> cases, LoadMonitor monitor) throws AssistException;
}
