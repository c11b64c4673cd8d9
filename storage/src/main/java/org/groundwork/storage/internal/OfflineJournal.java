package org.groundwork.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.project.Edit;

/**
 * Edits accepted while the server was away, in a SQLite file on this workstation, written with
 * full sync before the edit is acknowledged, so that a killed process loses none. Each keeps the
 * case version it was made on; an entry that the server refused as no longer fitting is kept as a
 * conflict with the reason, until the user discards it.
 */
public final class OfflineJournal implements AutoCloseable {
    /** One kept edit. {@code conflict} is null while it waits to be written. */
    public record Entry(long seq, long caseId, Long expectedVersion, String user, Edit edit, String conflict) {
    }

    private final Path file;
    private final Connection c;
    private final java.nio.channels.FileChannel lockFile;

    private OfflineJournal(Path file, Connection c, java.nio.channels.FileChannel lockFile) {
        this.file = file;
        this.c = c;
        this.lockFile = lockFile;
    }

    /**
     * Opens the journal {@code base}, or, while another session of this workstation has that one,
     * the first free of {@code base-2}, {@code base-3}, ... (so one session never writes another's edits).
     */
    public static OfflineJournal open(Path base) throws SQLException, IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        for (int n = 1; ; n++) {
            Path file = n == 1 ? base : base.resolveSibling(base.getFileName() + "-" + n);
            java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(file.resolveSibling(file.getFileName()
                    + ".lock"), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock held;
            try {
                held = lock.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException inThisProcess) {
                held = null;
            }
            if (held == null) {
                lock.close();
                continue;
            }
            try {
                return open(file, lock);
            } catch (SQLException | RuntimeException e) {
                lock.close();
                throw e;
            }
        }
    }

    private static OfflineJournal open(Path file, java.nio.channels.FileChannel lock) throws SQLException {
        Connection c = ProjectDatabase.connect(file, false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS waiting(seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL, "
                    + "expected_version INTEGER, user TEXT NOT NULL, edit TEXT NOT NULL, conflict TEXT)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new OfflineJournal(file, c, lock);
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Edit edit, Long expectedVersion, String user) throws SQLException {
        ProjectDatabase.update(c, "INSERT INTO waiting(case_id, expected_version, user, edit) VALUES (?, ?, ?, ?)",
                edit.caseId(), expectedVersion, user, EditJson.write(edit));
    }

    /** The edits still to write, oldest first. */
    public synchronized List<Entry> waiting() throws SQLException {
        return read("conflict IS NULL");
    }

    public synchronized List<Entry> conflicts() throws SQLException {
        return read("conflict IS NOT NULL");
    }

    public synchronized int waitingCount() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM waiting WHERE conflict IS NULL")) {
            return rs.getInt(1);
        }
    }

    /** The edit is on the server now. */
    public synchronized void written(long seq) throws SQLException {
        ProjectDatabase.update(c, "DELETE FROM waiting WHERE seq = ?", seq);
    }

    public synchronized void conflict(long seq, String reason) throws SQLException {
        ProjectDatabase.update(c, "UPDATE waiting SET conflict = ? WHERE seq = ?", reason, seq);
    }

    /** The user has seen a conflict and lets the edit go. */
    public synchronized void discard(long seq) throws SQLException {
        ProjectDatabase.update(c, "DELETE FROM waiting WHERE seq = ? AND conflict IS NOT NULL", seq);
    }

    private List<Entry> read(String where) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT seq, case_id, expected_version, user, edit, conflict "
                + "FROM waiting WHERE " + where + " ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long expected = rs.getLong(3);
                Long version = rs.wasNull() ? null : expected;
                Edit edit;
                try {
                    edit = EditJson.read(rs.getString(5));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SQLException(file + ": kept edit " + rs.getLong(1) + " is damaged (" + e.getOriginalMessage()
                            + ")", e);
                }
                entries.add(new Entry(rs.getLong(1), rs.getLong(2), version, rs.getString(4), edit, rs.getString(6)));
            }
        }
        return entries;
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // every entry was committed when it was written
        }
        try {
            lockFile.close(); // lets the next session of this workstation take the journal
        } catch (IOException ignored) {
            // released with the process anyway
        }
    }
}
