package org.groundwork.storage.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema as an ordered list of migrations. A database records how many it has had in
 * {@code PRAGMA user_version}; opening runs the missing ones, each in one transaction, so a project
 * from an older version opens in a newer one. Never edit a released migration: add one.
 */
public final class Migrations {
    private Migrations() {
    }

    static final List<String> ALL = List.of(
            // 1: projects, images, cases, boxes, audit log, import report
            """
            CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE data_roots(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
            CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE cases(
                id INTEGER PRIMARY KEY,
                case_key TEXT NOT NULL UNIQUE,
                label TEXT NOT NULL,
                patient_key TEXT NOT NULL DEFAULT '',
                study_uid TEXT NOT NULL DEFAULT '',
                series_uid TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'TODO',
                assignee TEXT,
                active_seconds INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE images(
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES cases(id),
                content_key TEXT NOT NULL UNIQUE,
                format TEXT NOT NULL,
                series_uid TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                modality TEXT NOT NULL DEFAULT '',
                columns INTEGER NOT NULL,
                rows INTEGER NOT NULL,
                slices INTEGER NOT NULL,
                data_root_id INTEGER NOT NULL REFERENCES data_roots(id),
                imported_at TEXT NOT NULL);
            CREATE INDEX images_case ON images(case_id);
            CREATE TABLE image_files(
                image_id INTEGER NOT NULL REFERENCES images(id),
                relative_path TEXT NOT NULL,
                PRIMARY KEY(image_id, relative_path));
            CREATE TABLE boxes(
                id TEXT PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES cases(id),
                region_id TEXT,
                label TEXT,
                min_i INTEGER NOT NULL, min_j INTEGER NOT NULL, min_k INTEGER NOT NULL,
                max_i INTEGER NOT NULL, max_j INTEGER NOT NULL, max_k INTEGER NOT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                origin TEXT NOT NULL,
                model_id TEXT,
                model_hash TEXT);
            CREATE INDEX boxes_case ON boxes(case_id);
            CREATE TABLE audit_log(
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user TEXT NOT NULL,
                case_id INTEGER,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL);
            CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            CREATE TABLE import_report(
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                file TEXT NOT NULL,
                reason TEXT NOT NULL);
            """,
            // 2: questions, reasoning chains, grades and model suggestions with their fate
            """
            CREATE TABLE questions(
                id TEXT PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES cases(id),
                region_id TEXT,
                question_id TEXT,
                text TEXT NOT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE reasoning_steps(
                id TEXT PRIMARY KEY,
                question_id TEXT NOT NULL REFERENCES questions(id),
                position INTEGER NOT NULL,
                text TEXT NOT NULL,
                evidence TEXT,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                origin TEXT NOT NULL DEFAULT 'HUMAN');
            CREATE TABLE grades(
                question_id TEXT NOT NULL REFERENCES questions(id),
                field TEXT NOT NULL,
                value TEXT NOT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                origin TEXT NOT NULL DEFAULT 'HUMAN',
                PRIMARY KEY(question_id, field));
            CREATE TABLE suggestions(
                id TEXT PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES cases(id),
                model_id TEXT NOT NULL,
                model_hash TEXT NOT NULL,
                payload TEXT NOT NULL,
                fate TEXT NOT NULL DEFAULT 'PENDING',
                decided_by TEXT,
                decided_at TEXT);
            CREATE INDEX suggestions_case ON suggestions(case_id);
            """,
            // 3: box shape and patient position; provenance of questions, steps and grades; step lookup
            """
            ALTER TABLE boxes ADD COLUMN shape TEXT NOT NULL DEFAULT 'VOLUME';
            ALTER TABLE boxes ADD COLUMN patient_corners TEXT;
            ALTER TABLE questions ADD COLUMN origin TEXT NOT NULL DEFAULT 'HUMAN';
            ALTER TABLE questions ADD COLUMN model_id TEXT;
            ALTER TABLE questions ADD COLUMN model_hash TEXT;
            ALTER TABLE reasoning_steps ADD COLUMN model_id TEXT;
            ALTER TABLE reasoning_steps ADD COLUMN model_hash TEXT;
            ALTER TABLE grades ADD COLUMN model_id TEXT;
            ALTER TABLE grades ADD COLUMN model_hash TEXT;
            CREATE INDEX questions_case ON questions(case_id);
            CREATE INDEX reasoning_steps_question ON reasoning_steps(question_id, position);
            """,
            // 4: the project's own secret, from which exports derive stable pseudonyms
            """
            INSERT OR IGNORE INTO settings(key, value) VALUES ('pseudonym_secret', lower(hex(randomblob(32))));
            """,
            // 5: what each model proposal was (region, confidence, latency, when) and, once decided, how
            // close the final box came to it and how long the reader took
            """
            ALTER TABLE suggestions ADD COLUMN region_id TEXT;
            ALTER TABLE suggestions ADD COLUMN confidence REAL;
            ALTER TABLE suggestions ADD COLUMN latency_ms INTEGER;
            ALTER TABLE suggestions ADD COLUMN created_at TEXT;
            ALTER TABLE suggestions ADD COLUMN final_iou REAL;
            ALTER TABLE suggestions ADD COLUMN decision_ms INTEGER;
            """,
            // 6: which readers read each case, in the order they were dealt; answers keep their authors,
            // so a project read before has one reader per answer already
            """
            CREATE TABLE case_readers(
                case_id INTEGER NOT NULL REFERENCES cases(id),
                reader TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (case_id, reader));
            """,
            // 7: each case's completeness, overall ('') and per reader, kept with every edit of its answers;
            // filled in for older cases the first time it is read
            """
            CREATE TABLE case_progress(
                case_id INTEGER NOT NULL REFERENCES cases(id),
                reader TEXT NOT NULL,
                share REAL NOT NULL,
                PRIMARY KEY (case_id, reader));
            """,
            // 8: where a case's images came from on a PACS, to fetch them again where they are missing
            """
            CREATE TABLE remote_series(
                case_id INTEGER NOT NULL REFERENCES cases(id),
                server TEXT NOT NULL,
                study_uid TEXT NOT NULL,
                series_uid TEXT NOT NULL,
                PRIMARY KEY (case_id, series_uid));
            """,
            // 9: a version per case, raised by every edit of it, so that a write based on an older
            // reading is refused; and leases, by which one workstation at a time edits a case (expiry in
            // milliseconds since 1970 by the server's clock)
            """
            ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE case_leases(
                case_id INTEGER PRIMARY KEY REFERENCES cases(id),
                holder TEXT NOT NULL,
                workstation TEXT NOT NULL,
                session TEXT NOT NULL,
                expires_at BIGINT NOT NULL);
            """,
            // 10: roles and row-level security, which only a server has (see PostgresMigrations): nothing here
            "",
            // 11: model proposals belong to the reader they were made for; a decided one to whoever decided it
            """
            ALTER TABLE suggestions ADD COLUMN reader TEXT;
            UPDATE suggestions SET reader = decided_by WHERE decided_by IS NOT NULL;
            """,
            // 12: trained models kept in the project (their files as one archive), and the promoted one
            """
            CREATE TABLE models(
                name TEXT PRIMARY KEY,
                hash TEXT NOT NULL,
                evaluation TEXT NOT NULL,
                files BLOB NOT NULL,
                trained_by TEXT NOT NULL,
                trained_at TEXT NOT NULL);
            CREATE TABLE promoted_model(
                slot INTEGER PRIMARY KEY CHECK (slot = 1),
                name TEXT NOT NULL REFERENCES models(name),
                promoted_by TEXT NOT NULL,
                promoted_at TEXT NOT NULL);
            """);

    /** Splits a migration into statements at each ';' that ends a line, keeping trigger bodies whole. */
    static List<String> statements(String script) {
        List<String> statements = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String line : script.split("\n")) {
            String t = line.trim();
            current.append(line).append('\n');
            if (t.equals("BEGIN")) {
                inTrigger = true;
            } else if (t.equals("END;")) {
                inTrigger = false;
            }
            if (!inTrigger && t.endsWith(";")) {
                statements.add(current.toString().trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }

    /** The schema version this build writes. */
    public static int latest() {
        return ALL.size();
    }

    /** Brings the database from its recorded version up to {@code target}; returns the version before. */
    static int migrate(Connection connection, int target) throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > ALL.size()) {
            throw new SQLException("the project was written by a newer Groundwork (schema " + version
                    + "; this version knows up to " + ALL.size() + ")");
        }
        for (int v = version; v < target; v++) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : statements(ALL.get(v))) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        }
        return version;
    }
}
