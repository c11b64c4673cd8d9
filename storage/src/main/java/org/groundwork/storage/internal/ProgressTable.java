package org.groundwork.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Progress;
import org.groundwork.annotate.core.protocol.Protocol;

/**
 * Each case's completeness, overall (reader "") and per reader, kept up to date with every edit of
 * its answers, in the edit's own transaction: the worklist reads it in one query instead of every
 * annotation of the project.
 */
public final class ProgressTable {
    /** The key of a case's completeness over all its readings. */
    public static final String ALL = "";

    private ProgressTable() {
    }

    /** Whether an edit can change how complete a case is. */
    public static boolean changesAnswers(Edit edit) {
        return edit instanceof Edit.PutBox || edit instanceof Edit.DeleteBox || edit instanceof Edit.PutQuestion
                || edit instanceof Edit.DeleteQuestion || edit instanceof Edit.PutStep || edit instanceof Edit.DeleteStep
                || edit instanceof Edit.SetGrade || edit instanceof Edit.ClearGrade || edit instanceof Edit.Batch;
    }

    /** A case's completeness as its annotations stand: {@link #ALL}, then each reader. */
    public static Map<String, Double> of(CaseAnnotations a, Protocol protocol) {
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        shares.put(ALL, Progress.completeness(a, protocol));
        for (String reader : a.readers()) {
            shares.put(reader, Progress.completeness(a.readBy(reader), protocol));
        }
        return shares;
    }

    /** Writes a case's completeness. */
    public static void write(Connection c, long caseId, Map<String, Double> shares) throws SQLException {
        ProjectDatabase.update(c, "DELETE FROM case_progress WHERE case_id = ?", caseId);
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            ProjectDatabase.update(c, "INSERT INTO case_progress(case_id, reader, share) VALUES (?, ?, ?)", caseId,
                    e.getKey(), e.getValue());
        }
    }

    /**
     * Writes one reader's completeness of a case, for a session that sees only that reader's
     * answers; the overall row is dropped, to be counted again by a session that sees them all.
     */
    public static void writeOwn(Connection c, long caseId, String reader, double share) throws SQLException {
        ProjectDatabase.update(c, "DELETE FROM case_progress WHERE case_id = ? AND reader IN ('', ?)", caseId, reader);
        ProjectDatabase.update(c, "INSERT INTO case_progress(case_id, reader, share) VALUES (?, ?, ?)", caseId, reader, share);
    }

    /** Case id to reader (or {@link #ALL}) to completeness, for every case that has a row. */
    public static Map<Long, Map<String, Double>> read(Connection c) throws SQLException {
        Map<Long, Map<String, Double>> all = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT case_id, reader, share FROM case_progress ORDER BY case_id, rowid")) {
            while (rs.next()) {
                all.computeIfAbsent(rs.getLong(1), k -> new java.util.LinkedHashMap<>()).put(rs.getString(2), rs.getDouble(3));
            }
        }
        return all;
    }

    /** The ids of cases without a row yet (projects from before the table, cases imported since). */
    public static java.util.List<Long> missing(Connection c) throws SQLException {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM case_progress WHERE reader = '')");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
