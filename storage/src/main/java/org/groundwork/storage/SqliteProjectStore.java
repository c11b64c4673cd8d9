package org.groundwork.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.storage.internal.Backups;
import org.groundwork.storage.internal.ProjectDatabase;
import org.groundwork.storage.internal.ProjectLock;

/**
 * A project: a folder with one SQLite database ({@value #DATABASE}), its lock file and rolling
 * backups. Every edit is one transaction in WAL mode with full sync, committed before
 * {@link #apply} returns, so an acknowledged edit survives a killed process or a power cut.
 */
public final class SqliteProjectStore implements ProjectRepository {
    public static final String DATABASE = "project.groundwork";

    private final Path dir;
    private final Connection connection;
    private final ProjectLock lock;
    private final Clock clock;

    private SqliteProjectStore(Path dir, Connection connection, ProjectLock lock, Clock clock) {
        this.dir = dir;
        this.connection = connection;
        this.lock = lock;
        this.clock = clock;
    }

    /** How to open: as the one writer, or read-only beside a writer. */
    public enum Mode { READ_WRITE, READ_ONLY }

    /** Creates the folder and database when missing, then opens it for writing. */
    public static SqliteProjectStore openOrCreate(Path dir) throws ProjectException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ProjectException(dir, "cannot create the project folder (" + e.getMessage() + ")", e);
        }
        return open(dir, Mode.READ_WRITE, true);
    }

    public static SqliteProjectStore open(Path dir, Mode mode) throws ProjectException {
        return open(dir, mode, false);
    }

    private static SqliteProjectStore open(Path dir, Mode mode, boolean create) throws ProjectException {
        Path database = dir.resolve(DATABASE);
        if (!create && !Files.exists(database)) {
            throw new ProjectException(dir, "is not a Groundwork project (no " + DATABASE + ")");
        }
        ProjectLock lock = mode == Mode.READ_WRITE ? ProjectLock.acquire(dir) : null;
        try {
            Connection c = ProjectDatabase.connect(database, mode == Mode.READ_ONLY);
            try {
                ProjectDatabase.checkIntegrity(c);
                if (mode == Mode.READ_WRITE) {
                    ProjectDatabase.migrate(c);
                    ProjectDatabase.backup(c, dir);
                }
            } catch (SQLException | IOException | RuntimeException e) {
                c.close();
                throw e;
            }
            return new SqliteProjectStore(dir, c, lock, Clock.systemUTC());
        } catch (SQLException e) {
            if (lock != null) {
                lock.close();
            }
            throw ProjectDatabase.explain(dir, e);
        } catch (IOException e) {
            if (lock != null) {
                lock.close();
            }
            throw new ProjectException(dir, "cannot write the backup (" + e.getMessage() + ")", e);
        }
    }

    /** Replaces a damaged database with the newest backup; returns the backup that was used. */
    public static Path restoreLatestBackup(Path dir) throws ProjectException {
        try (ProjectLock lock = ProjectLock.acquire(dir)) {
            return Backups.restoreLatest(dir, dir.resolve(DATABASE));
        } catch (IOException e) {
            throw new ProjectException(dir, "cannot restore a backup (" + e.getMessage() + ")", e);
        }
    }

    public Path folder() {
        return dir;
    }

    /** Who held the project when it was last left open by a process that died; null if none. */
    public String clearedStaleLock() {
        return lock == null ? null : lock.staleOwner();
    }

    @Override
    public boolean readOnly() {
        return lock == null;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public synchronized List<CaseRecord> cases() {
        List<CaseRecord> cases = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, label, patient_key, study_uid, series_uid, status, assignee, "
                     + "active_seconds FROM cases ORDER BY id")) {
            while (rs.next()) {
                cases.add(new CaseRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), CaseStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getLong(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading cases of " + dir, e);
        }
        return cases;
    }

    @Override
    public synchronized List<Box> boxes(long caseId) {
        List<Box> boxes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT id, region_id, label, min_i, min_j, min_k, "
                + "max_i, max_j, max_k, author, created_at, origin, model_id, model_hash FROM boxes "
                + "WHERE case_id = ? ORDER BY created_at, id")) {
            s.setLong(1, caseId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    boxes.add(new Box(rs.getString(1), caseId, rs.getString(2), rs.getString(3),
                            new int[] {rs.getInt(4), rs.getInt(5), rs.getInt(6)},
                            new int[] {rs.getInt(7), rs.getInt(8), rs.getInt(9)},
                            new Provenance(rs.getString(10), java.time.Instant.parse(rs.getString(11)),
                                    Provenance.Origin.valueOf(rs.getString(12)), rs.getString(13), rs.getString(14))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading boxes of " + dir, e);
        }
        return boxes;
    }

    @Override
    public synchronized void apply(Edit edit, String user) throws ProjectException {
        if (readOnly()) {
            throw new IllegalStateException(dir + " is open read-only");
        }
        try {
            connection.setAutoCommit(false);
            try {
                if (!ProjectDatabase.writeEdit(connection, edit, user, clock.instant())) {
                    ProjectDatabase.rollbackQuietly(connection);
                    throw new ProjectException(dir, "the edit refers to something that does not exist: " + edit);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                ProjectDatabase.rollbackQuietly(connection);
                throw e;
            } finally {
                ProjectDatabase.autoCommitQuietly(connection);
            }
        } catch (SQLException e) {
            throw ProjectDatabase.explain(dir, e);
        }
    }

    @Override
    public synchronized ProjectSummary summary() {
        try (Statement s = connection.createStatement()) {
            Map<CaseStatus, Integer> byStatus = new EnumMap<>(CaseStatus.class);
            for (CaseStatus status : CaseStatus.values()) {
                byStatus.put(status, 0);
            }
            int cases = 0;
            long seconds = 0;
            try (ResultSet rs = s.executeQuery("SELECT status, count(*), sum(active_seconds) FROM cases GROUP BY status")) {
                while (rs.next()) {
                    byStatus.put(CaseStatus.valueOf(rs.getString(1)), rs.getInt(2));
                    cases += rs.getInt(2);
                    seconds += rs.getLong(3);
                }
            }
            Map<String, Integer> byUser = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT user, count(*) FROM audit_log GROUP BY user ORDER BY user")) {
                while (rs.next()) {
                    byUser.put(rs.getString(1), rs.getInt(2));
                }
            }
            int boxes;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM boxes")) {
                boxes = rs.getInt(1);
            }
            return new ProjectSummary(cases, byStatus, byUser, seconds, boxes);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the summary of " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // every edit was committed when it was applied
        }
        if (lock != null) {
            lock.close();
        }
    }

}
