package org.groundwork.dataset.importer;

/** A record that cannot be used; the message says why in the user's terms. */
final class BadRecord extends Exception {
    private static final long serialVersionUID = 1L;

    BadRecord(String reason) {
        super(reason, null, false, false);
    }
}
