package org.groundwork.storage.dicomweb;

/** A PACS could not be reached or refused a request; the message names the server and the reason. */
public final class PacsException extends Exception {
    private static final long serialVersionUID = 1L;

    public PacsException(String message) {
        super(message);
    }

    public PacsException(String message, Throwable cause) {
        super(message, cause);
    }
}
