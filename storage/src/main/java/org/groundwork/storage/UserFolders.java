package org.groundwork.storage;

import java.nio.file.Path;

/**
 * Groundwork's folders in the user's home, where Linux desktops expect them (the XDG base
 * directories): {@code $XDG_CACHE_HOME} or {@code ~/.cache} for what can be fetched again,
 * {@code $XDG_DATA_HOME} or {@code ~/.local/share} for what must be kept.
 */
public final class UserFolders {
    private UserFolders() {
    }

    /** {@code ~/.cache/groundwork}. */
    public static Path cache() {
        return base("XDG_CACHE_HOME", Path.of(".cache")).resolve("groundwork");
    }

    /** {@code ~/.local/share/groundwork}. */
    public static Path data() {
        return base("XDG_DATA_HOME", Path.of(".local", "share")).resolve("groundwork");
    }

    private static Path base(String variable, Path inHome) {
        String xdg = System.getenv(variable);
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home")).resolve(inHome);
    }
}
