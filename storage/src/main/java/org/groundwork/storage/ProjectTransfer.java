package org.groundwork.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.internal.ProjectDatabase;

/**
 * Moves a whole project between stores (a folder to a server, or back): every table copied in one
 * transaction of the target, then each table verified by its row count and a checksum of its rows
 * computed the same way on both sides. The target must hold no cases yet.
 */
public final class ProjectTransfer {
    /** The tables in an order that satisfies their references, each with the order its rows are copied in. */
    private static final Map<String, String> TABLES = tables();
    /** Tables whose ids come from a sequence in PostgreSQL, which must continue after the copied ids. */
    private static final List<String> SERIAL_IDS = List.of("data_roots", "users", "cases", "images", "audit_log",
            "import_report");

    /** One table as copied: its rows and the checksum both sides agreed on. */
    public record TableCheck(String table, long rows, String sha256) {
    }

    private ProjectTransfer() {
    }

    private static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("settings", "key");
        t.put("data_roots", "id");
        t.put("users", "id");
        t.put("cases", "id");
        t.put("images", "id");
        t.put("image_files", "image_id, relative_path");
        t.put("boxes", "case_id, id");
        t.put("audit_log", "id");
        t.put("import_report", "id");
        t.put("questions", "case_id, id");
        t.put("reasoning_steps", "question_id, position");
        t.put("grades", "rowid"); // insertion order is the order grades are shown in
        t.put("suggestions", "rowid");
        t.put("case_readers", "case_id, position");
        t.put("case_progress", "rowid");
        t.put("remote_series", "case_id, series_uid");
        t.put("models", "name");
        t.put("promoted_model", "slot");
        return t;
    }

    /** Copies everything from {@code from} into {@code to} and verifies it; returns the checks per table. */
    public static List<TableCheck> copy(ProjectStore from, ProjectStore to) throws ProjectException {
        if (to.readOnly()) {
            throw new IllegalStateException(to.name() + " is open read-only");
        }
        if (!to.cases().isEmpty()) {
            throw new ProjectException(to.name(), "already holds " + to.cases().size()
                    + " cases; a project is moved only into an empty one", null);
        }
        synchronized (from) {
            synchronized (to) {
                Connection source;
                Connection target;
                try {
                    source = from.connection();
                    target = to.connection();
                } catch (SQLException e) {
                    throw to.explain(e);
                }
                try {
                    ProjectDatabase.inTransaction(target, c -> {
                        ProjectDatabase.update(c, "DELETE FROM settings"); // the source's secret and protocol win
                        for (Map.Entry<String, String> t : TABLES.entrySet()) {
                            copyTable(source, c, t.getKey(), t.getValue());
                        }
                        if (to instanceof PostgresProjectStore) {
                            continueSequences(c);
                        }
                        return null;
                    });
                } catch (SQLException e) {
                    throw to.explain(e);
                }
                return verify(from, source, to, target);
            }
        }
    }

    /** New rows on the server get ids after the copied ones. */
    private static void continueSequences(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : SERIAL_IDS) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                        + "coalesce((SELECT max(id) FROM " + table + "), 0) + 1, false)");
            }
        }
    }

    private static void copyTable(Connection source, Connection target, String table, String order)
            throws SQLException {
        List<String> wanted = columns(target, table);
        List<String> present = columns(source, table);
        List<String> columns = present.stream().filter(wanted::contains).toList();
        String list = String.join(", ", columns);
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table + " ORDER BY " + order);
             PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + "(" + list + ") VALUES ("
                     + String.join(", ", columns.stream().map(c -> "?").toList()) + ")")) {
            int pending = 0;
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    insert.setObject(i, rs.getObject(i));
                }
                insert.addBatch();
                if (++pending == 1000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    /** The table's columns, quoted where the name is a keyword in PostgreSQL; never PostgreSQL's own row order. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i);
                if (!name.equalsIgnoreCase("rowid")) {
                    names.add(name.equals("user") ? "\"user\"" : name);
                }
            }
        }
        return names;
    }

    private static List<TableCheck> verify(ProjectStore from, Connection source, ProjectStore to, Connection target)
            throws ProjectException {
        List<TableCheck> checks = new ArrayList<>();
        for (String table : TABLES.keySet()) {
            try {
                List<String> columns = columns(source, table);
                TableCheck a = checksum(source, table, columns);
                TableCheck b = checksum(target, table, columns);
                if (!a.equals(b)) {
                    throw new ProjectException(to.name(), "the copy of table " + table + " differs from " + from.name()
                            + " (" + a.rows() + " rows there, " + b.rows() + " here); nothing in " + from.name()
                            + " was changed", null);
                }
                checks.add(a);
            } catch (SQLException e) {
                throw to.explain(e);
            }
        }
        return checks;
    }

    /**
     * Rows and a SHA-256 over the table's rows, each written the same way whatever the database
     * (integers as integers, reals by Java's shortest form), sorted as text so that neither
     * database's collation decides the order.
     */
    static TableCheck checksum(Connection c, String table, List<String> columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = rs.getObject(i);
                    row.append(value == null ? "\u0000" : value instanceof Double || value instanceof Float
                            ? Double.toString(((Number) value).doubleValue())
                            : value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value.toString())
                            .append('\u001f');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String row : rows) {
                sha.update(row.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return new TableCheck(table, rows.size(), HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
