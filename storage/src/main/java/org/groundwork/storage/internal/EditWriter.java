package org.groundwork.storage.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;

/** The SQL of each kind of edit, plus its audit-log row; the caller owns the transaction. */
final class EditWriter {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private EditWriter() {
    }

    /** Applies the edit; returns false when it refers to a case or box that does not exist. */
    static boolean write(Connection c, Edit edit, String user, Instant at) throws SQLException {
        int changed;
        if (edit instanceof Edit.PutBox put) {
            Box b = put.box();
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT OR REPLACE INTO boxes(id, case_id, region_id, label, min_i, min_j, min_k, max_i, max_j, max_k,
                        author, created_at, origin, model_id, model_hash)
                    SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM cases WHERE id = ?""")) {
                s.setString(1, b.id());
                s.setString(2, b.regionId());
                s.setString(3, b.label());
                for (int a = 0; a < 3; a++) {
                    s.setInt(4 + a, b.min()[a]);
                    s.setInt(7 + a, b.max()[a]);
                }
                s.setString(10, b.provenance().author());
                s.setString(11, b.provenance().createdAt().toString());
                s.setString(12, b.provenance().origin().name());
                s.setString(13, b.provenance().modelId());
                s.setString(14, b.provenance().modelHash());
                s.setLong(15, b.caseId());
                changed = s.executeUpdate();
            }
        } else if (edit instanceof Edit.DeleteBox delete) {
            changed = update(c, "DELETE FROM boxes WHERE id = ? AND case_id = ?", delete.boxId(), delete.caseId());
        } else if (edit instanceof Edit.SetCaseStatus status) {
            changed = update(c, "UPDATE cases SET status = ? WHERE id = ?", status.status().name(), status.caseId());
        } else if (edit instanceof Edit.AssignCase assign) {
            changed = update(c, "UPDATE cases SET assignee = ? WHERE id = ?", assign.assignee(), assign.caseId());
        } else if (edit instanceof Edit.AddActiveTime time) {
            changed = update(c, "UPDATE cases SET active_seconds = active_seconds + ? WHERE id = ?",
                    time.seconds(), time.caseId());
        } else {
            throw new IllegalArgumentException("unknown edit " + edit);
        }
        if (changed == 0) {
            return false;
        }
        update(c, "INSERT OR IGNORE INTO users(name) VALUES (?)", user);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_log(at, user, case_id, kind, payload) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, at.toString());
            s.setString(2, user);
            s.setLong(3, edit.caseId());
            s.setString(4, edit.getClass().getSimpleName());
            s.setString(5, JSON.writeValueAsString(edit));
            s.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("edits are plain records and always serialise", e);
        }
        return true;
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }
}
