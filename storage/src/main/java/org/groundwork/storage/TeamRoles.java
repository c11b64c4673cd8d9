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
     * SCRAM verifier computed here, so it is in no statement and no server log.
     */
    public static void add(PostgresProjectStore admin, String name, Role role, char[] password) throws ProjectException {
        if (!NAME.matcher(name).matches()) {
            throw new ProjectException(admin.name(), "\"" + name + "\" is not a sign-in name: lower-case letters, "
                    + "digits, '.', '_' and '-', starting with a letter", null);
        }
        synchronized (admin) {
            try {
                Connection c = admin.connection();
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE \"" + name + "\" LOGIN IN ROLE " + role.group());
                    s.execute("GRANT CONNECT ON DATABASE \"" + admin.location().database() + "\" TO \"" + name + "\"");
                }
                c.unwrap(PGConnection.class).alterUserPassword(name, password, "scram-sha-256");
            } catch (SQLException e) {
                throw admin.explain(e);
            }
        }
    }

    /** The members, by name. */
    public static List<Member> members(PostgresProjectStore store) throws ProjectException {
        List<Member> members = new ArrayList<>();
        synchronized (store) {
            try (PreparedStatement s = store.connection().prepareStatement("""
                    SELECT m.rolname, g.rolname FROM pg_auth_members a
                    JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid
                    WHERE g.rolname IN ('groundwork_reader', 'groundwork_adjudicator', 'groundwork_admin')
                    ORDER BY m.rolname""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    members.add(new Member(rs.getString(1),
                            Role.valueOf(rs.getString(2).substring("groundwork_".length()).toUpperCase(Locale.ROOT))));
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
