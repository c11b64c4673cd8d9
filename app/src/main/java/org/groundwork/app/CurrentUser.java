package org.groundwork.app;

/**
 * Who reads and edits from this process: the reader chosen with Project → Switch Reader…, else the
 * system property {@code groundwork.user}, else the login name. Several readers can take turns on one
 * workstation by switching.
 */
public final class CurrentUser {
    private static volatile String chosen;

    private CurrentUser() {
    }

    public static String name() {
        String reader = chosen;
        return reader != null ? reader : System.getProperty("groundwork.user", System.getProperty("user.name", "reader"));
    }

    /** Reads and edits as {@code reader} from now on; blank goes back to the login name. */
    public static void readAs(String reader) {
        chosen = reader == null || reader.isBlank() ? null : reader.strip();
    }
}
