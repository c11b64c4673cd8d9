package org.groundwork.annotate.core.project;

import java.nio.file.Path;

/**
 * A project that cannot be opened or written: locked by another window, corrupt, on a full or
 * read-only disk. The message says which project and why, in words a user can act on.
 */
public class ProjectException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path project;

    public ProjectException(Path project, String reason, Throwable cause) {
        super(project + ": " + reason, cause);
        this.project = project;
    }

    public ProjectException(Path project, String reason) {
        this(project, reason, null);
    }

    /** A project that is not a folder, e.g. on a database server; {@code name} never holds a password. */
    public ProjectException(String name, String reason, Throwable cause) {
        super(name + ": " + reason, cause);
        this.project = null;
    }

    /** The project's folder; null for a project on a server. */
    public Path project() {
        return project;
    }
}
