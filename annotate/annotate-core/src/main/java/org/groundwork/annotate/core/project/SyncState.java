package org.groundwork.annotate.core.project;

import java.util.List;

/**
 * Whether a shared project's edits reach its server. Offline, edits are kept on this workstation
 * ({@code waiting}) and written in order when the server is back; an edit that can no longer be
 * written as made (the case changed meanwhile) is a conflict, shown and never merged.
 */
public record SyncState(boolean online, int waiting, List<String> conflicts) {
    /** A project only this workstation writes: always in step. */
    public static final SyncState LOCAL = new SyncState(true, 0, List.of());

    public SyncState {
        conflicts = List.copyOf(conflicts);
    }
}
