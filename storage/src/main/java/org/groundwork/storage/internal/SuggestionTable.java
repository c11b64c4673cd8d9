package org.groundwork.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Suggestion;

/**
 * The {@code suggestions} table: model proposals, their box in {@code payload}, their fate, and the
 * reader they were made for. A proposal from before proposals were kept per reader (no reader) is
 * claimed by the first reader who reveals or decides it, so that their box and decision stay theirs.
 */
public final class SuggestionTable {
    private SuggestionTable() {
    }

    /** Inserts the proposals; returns how many; the caller owns the transaction. */
    public static int insert(Connection c, List<Suggestion> suggestions) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO suggestions(id, case_id, model_id, model_hash, "
                + "payload, fate, region_id, confidence, latency_ms, created_at, reader) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Suggestion s : suggestions) {
                int[] min = s.min();
                int[] max = s.max();
                insert.setString(1, s.id());
                insert.setLong(2, s.caseId());
                insert.setString(3, s.modelId());
                insert.setString(4, s.modelHash());
                insert.setString(5, AnnotationJson.numbers(new double[] {min[0], min[1], min[2], max[0], max[1], max[2]}));
                insert.setString(6, s.fate().name());
                insert.setString(7, s.regionId());
                insert.setDouble(8, s.confidence());
                insert.setLong(9, s.latencyMillis());
                insert.setString(10, s.createdAt().toString());
                insert.setString(11, s.reader());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return suggestions.size();
    }

    static int remove(Connection c, long caseId, List<String> ids) throws SQLException {
        int removed = 0;
        for (String id : ids) {
            removed += EditWriter.update(c, "DELETE FROM suggestions WHERE id = ? AND case_id = ?", id, caseId);
        }
        return removed;
    }

    /** Keeps the reader's own box beside the proposal in its payload (or drops it again, an undo). */
    static int reveal(Connection c, Edit.RevealSuggestion r, String user) throws SQLException {
        String payload = null;
        try (PreparedStatement q = c.prepareStatement("SELECT payload FROM suggestions WHERE id = ? AND case_id = ?")) {
            q.setString(1, r.suggestionId());
            q.setLong(2, r.caseId());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    payload = rs.getString(1);
                }
            }
        }
        if (payload == null) {
            return 0;
        }
        double[] proposal = java.util.Arrays.copyOf(AnnotationJson.numbers(payload), 6);
        int[] blind = r.readerBox();
        double[] kept = blind == null ? proposal : java.util.stream.DoubleStream.concat(java.util.Arrays.stream(proposal),
                java.util.Arrays.stream(blind).asDoubleStream()).toArray();
        return EditWriter.update(c, "UPDATE suggestions SET payload = ?, reader = coalesce(reader, ?) "
                + "WHERE id = ? AND case_id = ?", AnnotationJson.numbers(kept), user, r.suggestionId(), r.caseId());
    }

    /** Records a reader's decision (or its undo, back to pending, which clears who and when). */
    static int decide(Connection c, Edit.DecideSuggestion d, String user, Instant at) throws SQLException {
        boolean pending = d.fate() == Suggestion.Fate.PENDING;
        return EditWriter.update(c, "UPDATE suggestions SET fate = ?, decided_by = ?, decided_at = ?, final_iou = ?, "
                + "decision_ms = ?, reader = coalesce(reader, ?) WHERE id = ? AND case_id = ?", d.fate().name(),
                pending ? null : user, pending ? null : at.toString(), d.finalIou(), d.decisionMillis(), user,
                d.suggestionId(), d.caseId());
    }

    /** The proposals of one case, or of every case when {@code caseId} is null, oldest first. */
    public static List<Suggestion> read(Connection c, Long caseId) throws SQLException {
        List<Suggestion> list = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, region_id, payload, confidence, model_id, "
                + "model_hash, latency_ms, created_at, fate, final_iou, decision_ms, case_id, reader FROM suggestions"
                + (caseId == null ? "" : " WHERE case_id = ?") + " ORDER BY created_at, rowid")) {
            if (caseId != null) {
                query.setLong(1, caseId);
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    double[] box = AnnotationJson.numbers(rs.getString(3)); // the proposal, then any blind box
                    int[] blind = box.length < 12 ? null : new int[] {(int) box[6], (int) box[7], (int) box[8],
                        (int) box[9], (int) box[10], (int) box[11]};
                    double iou = rs.getDouble(10);
                    Double finalIou = rs.wasNull() ? null : iou;
                    long ms = rs.getLong(11);
                    Long decisionMillis = rs.wasNull() ? null : ms;
                    list.add(new Suggestion(rs.getString(1), rs.getLong(12), rs.getString(2),
                            new int[] {(int) box[0], (int) box[1], (int) box[2]},
                            new int[] {(int) box[3], (int) box[4], (int) box[5]}, rs.getDouble(4), rs.getString(5),
                            rs.getString(6), rs.getLong(7), Instant.parse(rs.getString(8)),
                            Suggestion.Fate.valueOf(rs.getString(9)), finalIou, decisionMillis, blind,
                            rs.getString(13)));
                }
            }
        }
        return list;
    }
}
