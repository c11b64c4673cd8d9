package org.groundwork.assist;

/** A model cannot be made or run on this input; the message says why in a reader's words. */
public class AssistException extends Exception {
    private static final long serialVersionUID = 1L;

    public AssistException(String message) {
        super(message);
    }

    public AssistException(String message, Throwable cause) {
        super(message, cause);
    }
}
