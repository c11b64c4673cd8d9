package org.groundwork.annotate.core.protocol;

import java.nio.file.Path;
import org.groundwork.viewer.core.BadInputException;

/** A protocol file that cannot be used; the reason names the JSON path of the mistake. */
public final class ProtocolException extends BadInputException {
    private static final long serialVersionUID = 1L;
    private final String jsonPath;

    public ProtocolException(Path file, String jsonPath, String reason) {
        super(file, "at " + jsonPath + ": " + reason);
        this.jsonPath = jsonPath;
    }

    /** Where in the file the mistake is, e.g. {@code $.questions[3].severity[0].options}. */
    public String jsonPath() {
        return jsonPath;
    }
}
