package org.groundwork.viewer.core;

import java.nio.file.Path;

/**
 * Input that cannot be used: an unreadable or malformed file, an unsupported encoding. The message
 * names the file and says why in words a radiologist understands; callers show it and keep working.
 */
public class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String reason;

    public BadInputException(Path file, String reason) {
        this(file, reason, null);
    }

    public BadInputException(Path file, String reason, Throwable cause) {
        super((file == null ? "(no file)" : file.toString()) + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that could not be used. */
    public Path file() {
        return file;
    }

    /** Why, without the file name. */
    public String reason() {
        return reason;
    }
}
