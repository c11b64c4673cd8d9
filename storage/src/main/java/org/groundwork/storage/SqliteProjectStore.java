package org.groundwork.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolException;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.internal.Backups;
import org.groundwork.storage.internal.ProjectDatabase;
import org.groundwork.storage.internal.ProjectLock;

/**
 * A project: a folder with one SQLite database ({@value #DATABASE}), its lock file and rolling
 * backups. Every edit is one transaction in WAL mode with full sync, committed before
 * {@link #apply} returns, so an acknowledged edit survives a killed process or a power cut.
 */
public final class SqliteProjectStore extends ProjectStore {
    public static final String DATABASE = "project.groundwork";

    private final Path dir;
    private final Connection connection;
    private final ProjectLock lock;

    private SqliteProjectStore(Path dir, Connection connection, ProjectLock lock, Protocol protocol) {
        super(protocol);
        this.dir = dir;
        this.connection = connection;
        this.lock = lock;
    }

    /** How to open: as the one writer, or read-only beside a writer. */
    public enum Mode { READ_WRITE, READ_ONLY }


    /** Creates the folder and database when missing (with the default protocol), then opens it for writing. */
    public static SqliteProjectStore openOrCreate(Path dir) throws ProjectException {
        return openOrCreate(dir, defaultProtocol());
    }

    /** Creates the folder and database when missing, then opens it for writing; a new project gets {@code protocol}. */
    public static SqliteProjectStore openOrCreate(Path dir, Protocol protocol) throws ProjectException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ProjectException(dir, "cannot create the project folder (" + e.getMessage() + ")", e);
        }
        return open(dir, Mode.READ_WRITE, protocol);
    }

    public static SqliteProjectStore open(Path dir, Mode mode) throws ProjectException {
        return open(dir, mode, null);
    }

    /** Opens a project; {@code newProtocol} non-null means create it when missing, with that protocol. */
    private static SqliteProjectStore open(Path dir, Mode mode, Protocol newProtocol) throws ProjectException {
        boolean create = newProtocol != null;
        Path database = dir.resolve(DATABASE);
        if (!create && !Files.exists(database)) {
            throw new ProjectException(dir, "is not a Groundwork project (no " + DATABASE + ")");
        }
        ProjectLock lock = mode == Mode.READ_WRITE ? ProjectLock.acquire(dir) : null;
        try {
            Connection c = ProjectDatabase.connect(database, mode == Mode.READ_ONLY);
            Protocol protocol;
            try {
                ProjectDatabase.checkIntegrity(c);
                if (mode == Mode.READ_WRITE) {
                    ProjectDatabase.migrate(c);
                    ProjectDatabase.backup(c, dir);
                }
                protocol = protocolOf(c, dir.resolve(DATABASE), dir.toString(), mode == Mode.READ_WRITE,
                        newProtocol == null ? defaultProtocol() : newProtocol);
            } catch (SQLException | IOException | ProjectException | RuntimeException e) {
                c.close();
                throw e;
            }
            return new SqliteProjectStore(dir, c, lock, protocol);
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
        } catch (ProjectException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /** The project folder named by itself or by its database file ({@value #DATABASE}). */
    public static Path folderOf(Path folderOrDatabase) {
        boolean database = folderOrDatabase.getFileName() != null
                && folderOrDatabase.getFileName().toString().equals(DATABASE) && Files.isRegularFile(folderOrDatabase);
        return database ? folderOrDatabase.toAbsolutePath().getParent() : folderOrDatabase;
    }

    /** Replaces a damaged database with the newest backup; returns the backup that was used. */
    /** The backup {@link #restoreLatestBackup} put in place, and the newer ones it skipped as damaged, with why. */
    public record Restored(Path backup, List<String> skipped) {
    }

    public static Restored restoreLatestBackup(Path dir) throws ProjectException {
        try (ProjectLock lock = ProjectLock.acquire(dir)) {
            Backups.Restored restored = Backups.restoreLatest(dir, dir.resolve(DATABASE));
            return new Restored(restored.backup(), restored.skipped());
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

    @Override
    Connection connection() {
        return connection;
    }

    @Override
    public String name() {
        return dir.toString();
    }

    @Override
    public String title() {
        return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }

    @Override
    public Path localFolder() {
        return dir;
    }

    @Override
    ProjectException explain(SQLException e) {
        return ProjectDatabase.explain(dir, e);
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
