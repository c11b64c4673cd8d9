package org.groundwork.storage.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;

/**
 * The SQL of each kind of edit, plus its audit-log row, in SQL that SQLite and PostgreSQL both
 * run; the caller owns the transaction.
 */
final class EditWriter {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private EditWriter() {
    }

    /** Records a user who edits the project (once per session is enough). */
    static void addUser(Connection c, String user) throws SQLException {
        update(c, "INSERT INTO users(name) VALUES (?) ON CONFLICT DO NOTHING", user);
    }

    /** Applies the edit; returns false when it refers to a case, question or box that does not exist. */
    static boolean write(Connection c, Edit edit, String user, Instant at) throws SQLException {
        if (edit instanceof Edit.Batch batch) {
            for (Edit e : batch.edits()) {
                if (!write(c, e, user, at)) {
                    return false;
                }
            }
            return true;
        }
        if (changeRows(c, edit, user, at) == 0) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_log(at, \"user\", case_id, kind, payload) VALUES (?, ?, ?, ?, ?)")) {
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

    /** Number of rows the edit changed; 0 when what it refers to does not exist. */
    private static int changeRows(Connection c, Edit edit, String user, Instant at) throws SQLException {
        if (edit instanceof Edit.PutBox put) {
            Box b = put.box();
            int[] min = b.min();
            int[] max = b.max();
            Provenance p = b.provenance();
            return update(c, """
                    INSERT INTO boxes(id, case_id, region_id, label, min_i, min_j, min_k, max_i, max_j, max_k,
                        author, created_at, origin, model_id, model_hash, shape, patient_corners)
                    SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM cases WHERE id = ?
                    ON CONFLICT(id) DO UPDATE SET case_id = excluded.case_id, region_id = excluded.region_id,
                        label = excluded.label, min_i = excluded.min_i, min_j = excluded.min_j, min_k = excluded.min_k,
                        max_i = excluded.max_i, max_j = excluded.max_j, max_k = excluded.max_k, author = excluded.author,
                        created_at = excluded.created_at, origin = excluded.origin, model_id = excluded.model_id,
                        model_hash = excluded.model_hash, shape = excluded.shape, patient_corners = excluded.patient_corners""",
                    b.id(), b.regionId(), b.label(), min[0], min[1], min[2], max[0], max[1], max[2],
                    p.author(), p.createdAt().toString(), p.origin().name(), p.modelId(), p.modelHash(),
                    b.shape().name(), AnnotationJson.numbers(b.patientCorners()), b.caseId());
        } else if (edit instanceof Edit.DeleteBox delete) {
            return update(c, "DELETE FROM boxes WHERE id = ? AND case_id = ?", delete.boxId(), delete.caseId());
        } else if (edit instanceof Edit.PutQuestion put) {
            Question q = put.question();
            Provenance p = q.provenance();
            return update(c, """
                    INSERT INTO questions(id, case_id, region_id, question_id, text, author, created_at, origin,
                        model_id, model_hash)
                    SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ? FROM cases WHERE id = ?
                    ON CONFLICT(id) DO UPDATE SET region_id = excluded.region_id, question_id = excluded.question_id,
                        text = excluded.text, author = excluded.author, created_at = excluded.created_at,
                        origin = excluded.origin, model_id = excluded.model_id, model_hash = excluded.model_hash""",
                    q.id(), q.regionId(), q.templateId(), q.text(), p.author(), p.createdAt().toString(),
                    p.origin().name(), p.modelId(), p.modelHash(), q.caseId());
        } else if (edit instanceof Edit.DeleteQuestion delete) {
            if (!questionExists(c, delete.caseId(), delete.questionId())) {
                return 0;
            }
            update(c, "DELETE FROM grades WHERE question_id = ?", delete.questionId());
            update(c, "DELETE FROM reasoning_steps WHERE question_id = ?", delete.questionId());
            return update(c, "DELETE FROM questions WHERE id = ?", delete.questionId());
        } else if (edit instanceof Edit.PutStep put) {
            return putStep(c, put);
        } else if (edit instanceof Edit.DeleteStep delete) {
            if (!questionExists(c, delete.caseId(), delete.questionId())) {
                return 0;
            }
            int deleted = update(c, "DELETE FROM reasoning_steps WHERE id = ? AND question_id = ?",
                    delete.stepId(), delete.questionId());
            renumber(c, delete.questionId(), stepIds(c, delete.questionId()));
            return deleted;
        } else if (edit instanceof Edit.SetGrade set) {
            Grade g = set.grade();
            Provenance p = g.provenance();
            return update(c, """
                    INSERT INTO grades(question_id, field, value, author, created_at, origin, model_id, model_hash)
                    SELECT id, ?, ?, ?, ?, ?, ?, ? FROM questions WHERE id = ? AND case_id = ?
                    ON CONFLICT(question_id, field) DO UPDATE SET value = excluded.value, author = excluded.author,
                        created_at = excluded.created_at, origin = excluded.origin, model_id = excluded.model_id,
                        model_hash = excluded.model_hash""",
                    g.field(), String.valueOf(g.value()), p.author(), p.createdAt().toString(), p.origin().name(),
                    p.modelId(), p.modelHash(), g.questionId(), set.caseId());
        } else if (edit instanceof Edit.ClearGrade clear) {
            return update(c, "DELETE FROM grades WHERE field = ? AND question_id IN "
                    + "(SELECT id FROM questions WHERE id = ? AND case_id = ?)",
                    clear.field(), clear.questionId(), clear.caseId());
        } else if (edit instanceof Edit.SetCaseStatus status) {
            return update(c, "UPDATE cases SET status = ? WHERE id = ?", status.status().name(), status.caseId());
        } else if (edit instanceof Edit.AssignCase assign) {
            return update(c, "UPDATE cases SET assignee = ? WHERE id = ?", assign.assignee(), assign.caseId());
        } else if (edit instanceof Edit.AddActiveTime time) {
            return update(c, "UPDATE cases SET active_seconds = active_seconds + ? WHERE id = ?",
                    time.seconds(), time.caseId());
        } else if (edit instanceof Edit.AddSuggestions add) {
            return add.suggestions().isEmpty() ? 1 : SuggestionTable.insert(c, add.suggestions());
        } else if (edit instanceof Edit.RemoveSuggestions remove) {
            return remove.suggestionIds().isEmpty() ? 1 : SuggestionTable.remove(c, remove.caseId(), remove.suggestionIds());
        } else if (edit instanceof Edit.DecideSuggestion decide) {
            return SuggestionTable.decide(c, decide, user, at);
        } else if (edit instanceof Edit.RevealSuggestion reveal) {
            return SuggestionTable.reveal(c, reveal, user);
        }
        throw new IllegalArgumentException("unknown edit " + edit);
    }

    private static int putStep(Connection c, Edit.PutStep put) throws SQLException {
        ReasoningStep step = put.step();
        if (!questionExists(c, put.caseId(), step.questionId())) {
            return 0;
        }
        Provenance p = step.provenance();
        update(c, """
                INSERT INTO reasoning_steps(id, question_id, position, text, evidence, author, created_at,
                    origin, model_id, model_hash) VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET question_id = excluded.question_id, position = -1, text = excluded.text,
                    evidence = excluded.evidence, author = excluded.author, created_at = excluded.created_at,
                    origin = excluded.origin, model_id = excluded.model_id, model_hash = excluded.model_hash""",
                step.id(), step.questionId(), step.text(), AnnotationJson.evidence(step.evidence()), p.author(),
                p.createdAt().toString(), p.origin().name(), p.modelId(), p.modelHash());
        List<String> chain = stepIds(c, step.questionId());
        chain.remove(step.id());
        chain.add(Math.max(0, Math.min(chain.size(), put.position())), step.id());
        renumber(c, step.questionId(), chain);
        return 1;
    }

    private static boolean questionExists(Connection c, long caseId, String questionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM questions WHERE id = ? AND case_id = ?")) {
            s.setString(1, questionId);
            s.setLong(2, caseId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<String> stepIds(Connection c, String questionId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM reasoning_steps WHERE question_id = ? ORDER BY position, id")) {
            s.setString(1, questionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Positions 0, 1, 2, ... in the given order: a chain never has gaps or ties. */
    private static void renumber(Connection c, String questionId, List<String> chain) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE reasoning_steps SET position = ? WHERE id = ? AND question_id = ?")) {
            for (int i = 0; i < chain.size(); i++) {
                s.setInt(1, i);
                s.setString(2, chain.get(i));
                s.setString(3, questionId);
                s.addBatch();
            }
            s.executeBatch();
        }
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
