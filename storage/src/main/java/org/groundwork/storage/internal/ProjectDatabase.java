package org.groundwork.storage.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opening, checking, migrating and writing the project database; SQL stays in this package. */
public final class ProjectDatabase {
    private ProjectDatabase() {
    }

    public static Connection connect(Path database, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        if (!readOnly) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a committed edit is on disk even if the machine loses power right after.
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
    }

    /** Fails on a damaged file before anything is written to it. */
    public static void checkIntegrity(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new SQLiteException("integrity check failed: " + result, SQLiteErrorCode.SQLITE_CORRUPT);
            }
        }
    }

    public static void migrate(Connection c) throws SQLException {
        Migrations.migrate(c, Migrations.latest());
    }

    public static void backup(Connection c, Path projectDir) throws SQLException, IOException {
        Backups.take(c, projectDir);
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        return EditWriter.update(c, sql, args);
    }

    /** Writes an edit and its audit row; {@code newUser} also records the user in the project's list. */
    public static boolean writeEdit(Connection c, Edit edit, String user, boolean newUser, Instant at) throws SQLException {
        if (newUser) {
            EditWriter.addUser(c, user);
        }
        return EditWriter.write(c, edit, user, at);
    }

    /** Work done in one transaction; besides database failures it may refuse with an exception of its own. */
    @FunctionalInterface
    public interface Transaction<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T, X extends Exception> T inTransaction(Connection c, Transaction<T, X> work) throws SQLException, X {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (Throwable e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            autoCommitQuietly(c);
        }
    }

    /**
     * Rolls back what is left of a failed transaction. SQLite has often rolled it back itself (full
     * disk, I/O error); the original failure is the one to report, not this one.
     */
    public static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // already rolled back by SQLite
        }
    }

    /** Back to auto-commit after a transaction; a failure here must not hide the transaction's own. */
    public static void autoCommitQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the transaction already ended inside SQLite; the next statement starts afresh
        }
    }

    /** An SQLite failure in words a user can act on. */
    public static ProjectException explain(Path dir, SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int code = e.getErrorCode() & 0xFF; // primary result code
        String reason;
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            reason = "the project database is damaged (" + message + "); restore the latest backup with "
                    + "`groundwork restore " + dir + "` (the damaged file is kept)";
        } else if (code == SQLiteErrorCode.SQLITE_FULL.code) {
            reason = "the disk is full; the last edit was not saved. Free some space and try again";
        } else if (code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            reason = "the project cannot be written (" + message + "); check the folder's permissions, or open it read-only";
        } else if (code == SQLiteErrorCode.SQLITE_BUSY.code) {
            reason = "the project database is busy in another program; try again";
        } else {
            reason = "the project database failed (" + message + ")";
        }
        return new ProjectException(dir, reason, e);
    }
}
