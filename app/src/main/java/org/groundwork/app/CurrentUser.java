package org.groundwork.app;

/** Who makes edits from this process: the system property {@code groundwork.user}, else the login name. */
public final class CurrentUser {
    private CurrentUser() {
    }

    public static String name() {
        return System.getProperty("groundwork.user", System.getProperty("user.name", "reader"));
    }
}
