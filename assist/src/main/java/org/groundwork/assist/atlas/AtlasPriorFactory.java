package org.groundwork.assist.atlas;

import java.util.List;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.assist.SuggestionModelFactory;
import org.groundwork.assist.TrainingCase;
import org.groundwork.viewer.core.LoadMonitor;

/** Makes the {@link AtlasPrior} from a project's boxes. */
public final class AtlasPriorFactory implements SuggestionModelFactory {
    @Override
    public String id() {
        return AtlasPrior.ID;
    }

    @Override
    public String description() {
        return "each region's mean box relative to the body part, learnt from the project's boxes";
    }

    @Override
    public SuggestionModel train(List<TrainingCase> cases, LoadMonitor monitor) throws AssistException {
        if (cases.isEmpty()) {
            throw new AssistException("the atlas prior learns from annotated cases, and this project has none yet: "
                    + "draw the boxes of one case first");
        }
        return AtlasPrior.fit(cases, monitor);
    }
}
