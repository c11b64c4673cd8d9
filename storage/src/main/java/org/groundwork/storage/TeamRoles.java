package org.groundwork.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.groundwork.annotate.core.project.ProjectException;
import org.postgresql.PGConnection;

/**
 * The people of a shared project as the server knows them: each signs in with a role of their own,
 * a member of {@code groundwork_reader}, {@code groundwork_adjudicator} or {@code groundwork_admin}
 * (made by migration 10). The server, not the client, keeps readers to their own answers.
 */
public final class TeamRoles {
    /** What a member may do. */
    public enum Role {
        READER, ADJUDICATOR, ADMIN;

        String group() {
            return "groundwork_" + name().toLowerCase(Locale.ROOT);
        }

        /** The role whose group is {@code group}, one of the three {@link #group()} names. */
        static Role ofGroup(String group) {
            return valueOf(group.substring("groundwork_".length()).toUpperCase(Locale.ROOT));
        }
    }

    /** A member: sign-in name and role. */
    public record Member(String name, Role role) {
    }

    /** Sign-in names as PostgreSQL takes them unquoted, and as Groundwork records authors. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_.\\-]{0,62}");

    private TeamRoles() {
    }

    /**
     * Adds a member who signs in with {@code password}. The password reaches the server only as a
     * SCRAM verifier computed here, so it is in no statement and no server log. A sign-in the server
     * already has (a member of another project there) joins this project with its own password, in
     * the role it has on the server; returns false then.
     */
    public static boolean add(PostgresProjectStore admin, String name, Role role, char[] password) throws ProjectException {
        if (!NAME.matcher(name).matches()) {
            throw new ProjectException(admin.name(), "\"" + name + "\" is not a sign-in name: lower-case letters, "
                    + "digits, '.', '_' and '-', starting with a letter", null);
        }
        synchronized (admin) {
            try {
                Connection c = admin.connection();
                java.util.Optional<Role> existing = roleOnServer(admin, c, name);
                if (existing.isPresent() && existing.get() != role) {
                    throw new ProjectException(admin.name(), name + " already signs in to this server as "
                            + existing.get().name().toLowerCase(Locale.ROOT) + ", and a sign-in has one role on a server",
                            null);
                }
                try (Statement s = c.createStatement()) {
                    if (existing.isEmpty()) {
                        s.execute("CREATE ROLE \"" + name + "\" LOGIN IN ROLE " + role.group());
                    }
                    s.execute("GRANT CONNECT ON DATABASE \"" + admin.location().database() + "\" TO \"" + name + "\"");
                }
                if (existing.isEmpty()) {
                    c.unwrap(PGConnection.class).alterUserPassword(name, password, "scram-sha-256");
                }
                return existing.isEmpty();
            } catch (SQLException e) {
                throw admin.explain(e);
            }
        }
    }

    /** The Groundwork role a sign-in has on the server; a role the server has for something else is refused. */
    private static java.util.Optional<Role> roleOnServer(PostgresProjectStore admin, Connection c, String name)
            throws SQLException, ProjectException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT g.rolname FROM pg_roles m
                LEFT JOIN pg_auth_members a ON a.member = m.oid
                LEFT JOIN pg_roles g ON g.oid = a.roleid
                    AND g.rolname IN ('groundwork_reader', 'groundwork_adjudicator', 'groundwork_admin')
                WHERE m.rolname = ? ORDER BY g.rolname NULLS LAST""")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                String group = rs.getString(1);
                if (group == null) {
                    throw new ProjectException(admin.name(), "the server has a role " + name
                            + " that is not a Groundwork sign-in; choose another name", null);
                }
                return java.util.Optional.of(Role.ofGroup(group));
            }
        }
    }

    /** The members of this project (those allowed to connect to its database), by name. */
    public static List<Member> members(PostgresProjectStore store) throws ProjectException {
        List<Member> members = new ArrayList<>();
        synchronized (store) {
            try (PreparedStatement s = store.connection().prepareStatement("""
                    SELECT m.rolname, g.rolname FROM pg_auth_members a
                    JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid
                    WHERE g.rolname IN ('groundwork_reader', 'groundwork_adjudicator', 'groundwork_admin')
                    AND m.oid IN (SELECT acl.grantee FROM pg_database d, aclexplode(d.datacl) acl
                                  WHERE d.datname = current_database() AND acl.privilege_type = 'CONNECT')
                    ORDER BY m.rolname""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    members.add(new Member(rs.getString(1),
                            Role.ofGroup(rs.getString(2))));
                }
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
        return members;
    }

    /** Whether the signed-in role reads every reader's answers (anyone but a plain reader). */
    static boolean seesAllAnswers(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT to_regrole('groundwork_reader') IS NULL
                    OR NOT pg_has_role(current_user, 'groundwork_reader', 'MEMBER')
                    OR pg_has_role(current_user, 'groundwork_adjudicator', 'MEMBER')
                    OR pg_has_role(current_user, 'groundwork_admin', 'MEMBER')""")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
