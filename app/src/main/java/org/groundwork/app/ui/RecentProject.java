package org.groundwork.app.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.groundwork.storage.SqliteProjectStore;

/** The project opened last, kept in the user's preferences so that the next start reopens it. */
final class RecentProject {
    private final Preferences node;

    RecentProject(Preferences node) {
        this.node = node;
    }

    static RecentProject forUser() {
        return new RecentProject(WindowLayoutStore.preferences("project"));
    }

    /** The last project, while its folder still holds a project. */
    Optional<Path> last() {
        String path = node.get("last", null);
        return Optional.ofNullable(path).map(Path::of)
                .filter(p -> Files.exists(p.resolve(SqliteProjectStore.DATABASE)));
    }

    void remember(Path project) {
        node.put("last", project.toAbsolutePath().toString());
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // The next start then opens the demo instead; nothing of the project is lost.
            System.err.println("warning: could not remember the last project: " + e.getMessage());
        }
    }

    void forget() throws BackingStoreException {
        node.clear();
        node.flush();
    }
}
