package org.groundwork.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.groundwork.annotate.core.project.CaseLease;

/**
 * The leases of one session of a shared project ({@code case_leases}): which cases it holds, taken
 * again after an outage while still free, renewed on a connection of its own, and known to run at
 * least until the last renewal plus the lease time (less a third), so that an edit of a case held
 * here needs no question to the server. Expiry is by the server's clock.
 */
final class SessionLeases {
    /** The server's clock in milliseconds, so that workstations with wrong clocks agree on expiry. */
    static final String NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private final String session;
    private final String workstation = workstationName();
    private final Duration leaseTime;
    /** The cases this session asked to hold, with the user who holds them. */
    private final Map<Long, String> wanted = new ConcurrentHashMap<>();
    /** The cases this session holds, to the System.nanoTime() until which its lease surely runs. */
    private final Map<Long, Long> heldUntil = new ConcurrentHashMap<>();

    SessionLeases(String session, Duration leaseTime) {
        this.session = session;
        this.leaseTime = leaseTime;
    }

    /** Takes the case when it is free (unless {@code readOnly}), then says who holds it. */
    CaseLease lease(Connection c, long caseId, String user, boolean readOnly) throws SQLException {
        if (!readOnly) {
            take(c, caseId, user);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT holder, workstation, session, expires_at, "
                + NOW_MS + " FROM case_leases WHERE case_id = ?")) {
            s.setLong(1, caseId);
            long asked = System.nanoTime();
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getLong(4) <= rs.getLong(5)) {
                    return new CaseLease(caseId, null, null, null, false); // free, but this session reads only
                }
                boolean mine = session.equals(rs.getString(3));
                if (mine) {
                    wanted.put(caseId, user);
                    heldUntil.put(caseId, asked + safeNanos());
                }
                return new CaseLease(caseId, rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(4)), mine);
            }
        }
    }

    /**
     * Who else edits the case now, or null: another live session's lease; one of the same user on
     * this workstation (a session that died, come back) does not count. A case held here is not asked.
     */
    String heldElsewhere(Connection c, long caseId, String user) throws SQLException {
        Long until = heldUntil.get(caseId);
        if (until != null && until - System.nanoTime() > 0) {
            return null;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT holder, workstation FROM case_leases WHERE case_id = ? "
                + "AND session <> ? AND NOT (holder = ? AND workstation = ?) AND expires_at > " + NOW_MS)) {
            s.setLong(1, caseId);
            s.setString(2, session);
            s.setString(3, user);
            s.setString(4, workstation);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) + " on " + rs.getString(2) : null;
            }
        }
    }

    /**
     * Takes or renews the case's lease for this session when it is free, run out, this session's,
     * or left by the same user on this workstation; returns whether this session holds it now.
     */
    private boolean take(Connection c, long caseId, String user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_leases(case_id, holder, workstation, "
                + "session, expires_at) VALUES (?, ?, ?, ?, " + NOW_MS + " + ?) ON CONFLICT(case_id) DO UPDATE "
                + "SET holder = excluded.holder, workstation = excluded.workstation, session = excluded.session, "
                + "expires_at = excluded.expires_at WHERE case_leases.session = excluded.session "
                + "OR case_leases.expires_at <= " + NOW_MS + " OR (case_leases.holder = excluded.holder "
                + "AND case_leases.workstation = excluded.workstation)")) {
            s.setLong(1, caseId);
            s.setString(2, user);
            s.setString(3, workstation);
            s.setString(4, session);
            s.setLong(5, leaseTime.toMillis());
            return s.executeUpdate() == 1;
        }
    }

    private long safeNanos() {
        return leaseTime.toNanos() * 2 / 3;
    }

    void release(Connection c, long caseId) throws SQLException {
        wanted.remove(caseId);
        heldUntil.remove(caseId);
        try (PreparedStatement s = c.prepareStatement("DELETE FROM case_leases WHERE case_id = ? AND session = ?")) {
            s.setLong(1, caseId);
            s.setString(2, session);
            s.executeUpdate();
        }
    }

    /** Renews every lease this session wants; one that ran out while the server was away is taken again if free. */
    void renew(DataSource pool) {
        try (Connection c = pool.getConnection()) {
            for (Map.Entry<Long, String> w : wanted.entrySet()) {
                long asked = System.nanoTime();
                if (take(c, w.getKey(), w.getValue())) {
                    if (wanted.containsKey(w.getKey())) { // not released meanwhile
                        heldUntil.put(w.getKey(), asked + safeNanos());
                    }
                } else {
                    heldUntil.remove(w.getKey()); // another's now: edits of it are refused
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the server is away; the leases run out unless it returns in time
        }
    }

    /** Gives back every lease of the session. */
    void releaseAll(Connection c) throws SQLException {
        wanted.clear();
        heldUntil.clear();
        try (PreparedStatement s = c.prepareStatement("DELETE FROM case_leases WHERE session = ?")) {
            s.setString(1, session);
            s.executeUpdate();
        }
    }

    private static String workstationName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown workstation";
        }
    }
}
