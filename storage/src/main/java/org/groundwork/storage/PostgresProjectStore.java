package org.groundwork.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.groundwork.annotate.core.project.CaseLease;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.project.SyncState;
import org.groundwork.storage.internal.OfflineJournal;
import org.groundwork.storage.internal.PostgresMigrations;

/**
 * A project shared by a team on a PostgreSQL server. Each workstation holds the cases it edits by
 * a lease that it renews while it runs; an edit of a case another live session holds is refused,
 * and every edit tells the other workstations (a NOTIFY sent by the server at commit) so that
 * their worklists follow within a second. When the server cannot be reached, edits are kept in an
 * {@link OfflineJournal} on this workstation and written, in order and each on the case version it
 * was made on, once the server answers again.
 */
public final class PostgresProjectStore extends ProjectStore {
    /** How long a lease lasts without renewal: a workstation that died frees its cases after this. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    private final PostgresLocation location;
    private final HikariDataSource pool;
    private final boolean readOnly;
    private final boolean seesAllAnswers;
    private final String session;
    private final ScheduledExecutorService heartbeat;
    private final OfflineJournal journal;
    /** False from a lost connection until every kept edit is written. */
    private volatile boolean online = true;
    private final java.util.List<java.util.function.Consumer<SyncState>> syncListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private Connection current;
    private final SessionLeases leases;

    private PostgresProjectStore(PostgresLocation location, HikariDataSource pool, String session, Protocol protocol,
                                 boolean readOnly, boolean seesAllAnswers, Duration leaseTime, OfflineJournal journal,
                                 Duration retryEvery) {
        super(protocol);
        this.journal = journal;
        this.session = session;
        this.seesAllAnswers = seesAllAnswers;
        this.location = location;
        this.pool = pool;
        this.readOnly = readOnly;
        this.leases = new SessionLeases(session, leaseTime);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "groundwork-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, leaseTime.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(() -> leases.renew(pool), period, period, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(this::retryQuietly, 0, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens a shared project for writing, creating its tables (with {@code protocol}) on an empty database. */
    public static PostgresProjectStore openOrCreate(PostgresLocation at, Protocol protocol) throws ProjectException {
        return open(at, false, protocol, DEFAULT_LEASE, DEFAULT_RETRY);
    }

    /** Opens a shared project; {@code leaseTime} is how long this session's leases outlive it. */
    public static PostgresProjectStore open(PostgresLocation at, boolean readOnly, Duration leaseTime)
            throws ProjectException {
        return open(at, readOnly, defaultProtocol(), leaseTime, DEFAULT_RETRY);
    }

    /** As {@link #open(PostgresLocation, boolean, Duration)}, trying a lost server again every {@code retryEvery}. */
    public static PostgresProjectStore open(PostgresLocation at, boolean readOnly, Duration leaseTime,
                                            Duration retryEvery) throws ProjectException {
        return open(at, readOnly, defaultProtocol(), leaseTime, retryEvery);
    }

    /** How often a lost server is tried again. */
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(2);

    /**
     * Where edits made while the server is away are kept: {@code groundwork.journal} (a folder), else
     * {@code $XDG_DATA_HOME/groundwork/journal}, else {@code ~/.local/share/groundwork/journal}.
     */
    public static Path journalFolder() {
        String configured = System.getProperty("groundwork.journal");
        return configured != null ? Path.of(configured) : UserFolders.data().resolve("journal");
    }

    /** One journal per server, database and user on this workstation. */
    static Path journalFile(PostgresLocation at) {
        return journalFolder().resolve(at.fileName() + "_" + PostgresLocation.safe(at.user()) + ".journal");
    }

    private static PostgresProjectStore open(PostgresLocation at, boolean readOnly, Protocol fallback,
                                             Duration leaseTime, Duration retryEvery) throws ProjectException {
        String session = UUID.randomUUID().toString();
        HikariDataSource pool = connect(at, session);
        try (Connection c = pool.getConnection()) {
            if (!readOnly) {
                PostgresMigrations.migrate(c);
            }
            Protocol protocol = protocolOf(c, Path.of(at.database()), at.toString(), !readOnly, fallback);
            OfflineJournal journal = OfflineJournal.open(journalFile(at));
            return new PostgresProjectStore(at, pool, session, protocol, readOnly, TeamRoles.seesAllAnswers(c), leaseTime,
                    journal, retryEvery);
        } catch (SQLException e) {
            pool.close();
            throw explain(at, e);
        } catch (IOException e) {
            pool.close();
            throw new ProjectException(at.toString(), "cannot make the folder for edits kept offline, "
                    + journalFolder() + " (" + e.getMessage() + ")", e);
        } catch (ProjectException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource connect(PostgresLocation at, String session) throws ProjectException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("groundwork-" + at.database());
        config.setJdbcUrl(at.jdbcUrl());
        config.setUsername(at.user());
        try {
            PasswordFile.password(PasswordFile.location(), at).ifPresent(config::setPassword);
        } catch (IOException e) {
            throw new ProjectException(at.toString(), "cannot read the password file " + PasswordFile.location()
                    + " (" + e.getMessage() + ")", e);
        }
        config.setMaximumPoolSize(4); // edits and reads, lease renewal, change notices, and one spare
        config.setMinimumIdle(1);
        config.setConnectionTimeout(2_000); // an unreachable server is known soon; edits are kept meanwhile
        config.setInitializationFailTimeout(5_000);
        config.addDataSourceProperty("ApplicationName", "Groundwork");
        config.setConnectionInitSql("SET groundwork.session = '" + session + "'"); // names this session in change notices
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            SQLException cause = e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), "08001", e);
            throw explain(at, cause);
        }
    }

    public PostgresLocation location() {
        return location;
    }

    /** This session's id: leases and change notices carry it. */
    public String session() {
        return session;
    }

    @Override
    public String name() {
        return location.toString();
    }

    @Override
    public String title() {
        return location.database();
    }

    /** {@code projects/<server_port_database>} beside the {@link #journalFolder()}. */
    @Override
    public Path localFolder() {
        return journalFolder().resolveSibling("projects").resolve(location.fileName());
    }

    /**
     * The session's connection. While the server is known to be away this fails at once rather than
     * after the pool's wait, so that reads and the store thread are not held up; the retry brings
     * the session back.
     */
    @Override
    synchronized Connection connection() throws SQLException {
        if (!online) {
            throw new SQLException("the server at " + location.host() + ":" + location.port() + " cannot be reached; "
                    + "trying again every few seconds", "08000");
        }
        if (current == null || current.isClosed()) {
            current = pool.getConnection();
        }
        return current;
    }

    @Override
    ProjectException explain(SQLException e) {
        lostIf(e);
        return explain(location, e);
    }

    @Override
    IllegalStateException readFailed(String what, SQLException e) {
        lostIf(e);
        return super.readFailed(what, e);
    }

    /** After a failure that is the network or the server going away: offline until the retry gets through. */
    private void lostIf(SQLException e) {
        if (isConnectionLost(e)) {
            dropConnection();
            if (online) {
                online = false;
                fireSync();
            }
        }
    }

    /** Whether the failure is the network or the server going away, not the request itself. */
    public static boolean isConnectionLost(SQLException e) {
        return e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().equals("57P01"));
    }

    private synchronized void dropConnection() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (SQLException ignored) {
            // already broken
        }
        current = null;
    }

    private static ProjectException explain(PostgresLocation at, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        String reason;
        if (isConnectionLost(e)) {
            reason = "cannot reach the server at " + at.host() + ":" + at.port() + " (" + message + ")";
        } else if (state.equals("28P01") || state.equals("28000")) {
            reason = "the server refused the sign-in of " + at.user() + "; check the password in "
                    + PasswordFile.location();
        } else if (state.equals("3D000")) {
            reason = "the server has no database " + at.database();
        } else if (state.equals("42501")) {
            reason = "your role on the server may not do this (" + message + ")";
        } else {
            reason = "the server failed (" + message + ")";
        }
        return new ProjectException(at.toString(), reason, e);
    }

    @Override
    String recordedAs(String user) {
        return location.user();
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public boolean sharedByTeam() {
        return true;
    }

    @Override
    public boolean seesAllAnswers() {
        return seesAllAnswers;
    }

    /**
     * Writes the edit to the server; while the server is away (or edits kept before it went are
     * still waiting) the edit is kept in the journal instead, which acknowledges it as durably.
     */
    @Override
    public synchronized void apply(Edit edit, String user) throws ProjectException {
        if (online) {
            try {
                super.apply(edit, user);
                return;
            } catch (ProjectException e) {
                if (!(e.getCause() instanceof SQLException s && isConnectionLost(s))) {
                    throw e;
                }
                // offline now (explain saw to it); whether that commit arrived, its version check will tell
            }
        } else {
            requireWritable();
        }
        Long expected = expectedVersion(edit.caseId());
        try {
            journal.append(edit, expected, user);
        } catch (SQLException e) {
            throw new ProjectException(journal.file().toString(), "the server is away and the edit could not be kept "
                    + "on this workstation either (" + e.getMessage() + "); it was not saved", e);
        }
        if (expected != null) {
            expectVersion(edit.caseId(), expected + 1); // the next kept edit of the case comes on top of this one
        }
        fireSync();
    }

    /**
     * Writes the kept edits to the server, oldest first, each on the version it was made on. One
     * that the case's changes since make stale (or whose case is held elsewhere now) becomes a
     * conflict, and so do the later kept edits of that case. Returns whether the journal is empty.
     */
    public boolean replayJournal() {
        try (Connection probe = pool.getConnection()) {
            if (!probe.isValid(2)) {
                return false;
            }
        } catch (SQLException e) {
            return false; // still away: no store lock was taken, so reads and edits were not held up
        }
        synchronized (this) {
            online = true; // the server answered; a failure below makes it offline again
            try {
                java.util.Set<Long> conflicted = new java.util.HashSet<>();
                for (OfflineJournal.Entry e : journal.waiting()) {
                    if (conflicted.contains(e.caseId())) {
                        journal.conflict(e.seq(), "an earlier edit of case " + e.caseId() + " kept offline could not be written");
                        continue;
                    }
                    try {
                        applyExpecting(e.edit(), e.user(), e.expectedVersion());
                        journal.written(e.seq());
                    } catch (ProjectException refused) {
                        if (!online) {
                            return false; // away again (explain saw to it); the rest waits
                        }
                        conflicted.add(e.caseId());
                        journal.conflict(e.seq(), refused.getMessage());
                    }
                }
                return true;
            } catch (SQLException e) {
                throw journalUnreadable(e);
            } finally {
                fireSync();
            }
        }
    }

    private void retryQuietly() {
        try {
            if (!online || journalWaiting() > 0) {
                replayJournal();
            }
        } catch (RuntimeException e) {
            // tried again next time
        }
    }

    private int journalWaiting() {
        try {
            return journal.waitingCount();
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public SyncState sync() {
        try {
            return new SyncState(online, journal.waitingCount(),
                    journal.conflicts().stream().map(e -> e.edit().getClass().getSimpleName() + " of case " + e.caseId()
                            + ": " + e.conflict()).toList());
        } catch (SQLException e) {
            throw journalUnreadable(e);
        }
    }

    private IllegalStateException journalUnreadable(SQLException e) {
        return new IllegalStateException(journal.file() + ": the edits kept offline cannot be read", e);
    }

    /** Lets go of the conflicts the user has seen; their edits are not written. */
    public void discardConflicts() throws SQLException {
        for (OfflineJournal.Entry e : journal.conflicts()) {
            journal.discard(e.seq());
        }
        fireSync();
    }

    @Override
    public AutoCloseable watchSync(java.util.function.Consumer<SyncState> listener) {
        syncListeners.add(listener);
        return () -> syncListeners.remove(listener);
    }

    private void fireSync() {
        if (!syncListeners.isEmpty()) {
            SyncState state = sync();
            syncListeners.forEach(l -> l.accept(state));
        }
    }

    /** Refuses an edit of a case another live session holds (see {@link SessionLeases#heldElsewhere}). */
    @Override
    void checkMayEdit(Connection c, Edit edit, String user) throws SQLException, ProjectException {
        String holder = leases.heldElsewhere(c, edit.caseId(), user);
        if (holder != null) {
            throw new ProjectException(name(), "case " + edit.caseId() + " is being edited by " + holder
                    + "; the edit was not saved. Open the case read-only, or wait until they close it", null);
        }
    }

    @Override
    public synchronized CaseLease lease(long caseId, String user) throws ProjectException {
        try {
            return leases.lease(connection(), caseId, user, readOnly);
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    @Override
    public synchronized void release(long caseId) {
        try {
            leases.release(connection(), caseId);
        } catch (SQLException e) {
            explain(e); // unreachable server: the lease runs out by itself
        }
    }

    @Override
    public AutoCloseable watch(LongConsumer changed) {
        return ChangeListener.start(pool, session, changed);
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        journal.close(); // what waits in it is written the next time this project is opened here
        synchronized (this) {
            try {
                leases.releaseAll(connection());
            } catch (SQLException | RuntimeException e) {
                // the server is away; the leases run out by themselves
            }
            dropConnection();
        }
        pool.close();
    }

}
