package org.groundwork.storage.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The same numbered migrations as {@link Migrations}, in PostgreSQL's SQL: step n here makes the
 * tables step n makes in SQLite, so a project moves between the two at any version. The version
 * is kept in {@code schema_version}; an advisory lock lets only one workstation migrate at a time.
 */
public final class PostgresMigrations {
    private PostgresMigrations() {
    }

    /** Serialises migrations of one database by several workstations opening it at once. */
    private static final long MIGRATION_LOCK = 0x67726f756e64L;

    static final List<String> ALL = List.of(
            // 1
            """
            CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE data_roots(id BIGSERIAL PRIMARY KEY, path TEXT NOT NULL UNIQUE);
            CREATE TABLE users(id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE cases(
                id BIGSERIAL PRIMARY KEY,
                case_key TEXT NOT NULL UNIQUE,
                label TEXT NOT NULL,
                patient_key TEXT NOT NULL DEFAULT '',
                study_uid TEXT NOT NULL DEFAULT '',
                series_uid TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'TODO',
                assignee TEXT,
                active_seconds BIGINT NOT NULL DEFAULT 0);
            CREATE TABLE images(
                id BIGSERIAL PRIMARY KEY,
                case_id BIGINT NOT NULL REFERENCES cases(id),
                content_key TEXT NOT NULL UNIQUE,
                format TEXT NOT NULL,
                series_uid TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                modality TEXT NOT NULL DEFAULT '',
                columns INTEGER NOT NULL,
                rows INTEGER NOT NULL,
                slices INTEGER NOT NULL,
                data_root_id BIGINT NOT NULL REFERENCES data_roots(id),
                imported_at TEXT NOT NULL);
            CREATE INDEX images_case ON images(case_id);
            CREATE TABLE image_files(
                image_id BIGINT NOT NULL REFERENCES images(id),
                relative_path TEXT NOT NULL,
                PRIMARY KEY(image_id, relative_path));
            CREATE TABLE boxes(
                id TEXT PRIMARY KEY,
                case_id BIGINT NOT NULL REFERENCES cases(id),
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
                id BIGSERIAL PRIMARY KEY,
                at TEXT NOT NULL,
                "user" TEXT NOT NULL,
                case_id BIGINT,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL);
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only';
            END;
            $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
            CREATE TABLE import_report(
                id BIGSERIAL PRIMARY KEY,
                at TEXT NOT NULL,
                file TEXT NOT NULL,
                reason TEXT NOT NULL);
            """,
            // 2 (rowid: the order rows were written in, which SQLite keeps by itself)
            """
            CREATE TABLE questions(
                id TEXT PRIMARY KEY,
                case_id BIGINT NOT NULL REFERENCES cases(id),
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
                rowid BIGSERIAL,
                PRIMARY KEY(question_id, field));
            CREATE TABLE suggestions(
                id TEXT PRIMARY KEY,
                case_id BIGINT NOT NULL REFERENCES cases(id),
                model_id TEXT NOT NULL,
                model_hash TEXT NOT NULL,
                payload TEXT NOT NULL,
                fate TEXT NOT NULL DEFAULT 'PENDING',
                decided_by TEXT,
                decided_at TEXT,
                rowid BIGSERIAL);
            CREATE INDEX suggestions_case ON suggestions(case_id);
            """,
            // 3
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
            // 4 (gen_random_uuid is drawn from a cryptographic source: 2 x 122 random bits)
            """
            INSERT INTO settings(key, value)
                VALUES ('pseudonym_secret', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
                ON CONFLICT DO NOTHING;
            """,
            // 5
            """
            ALTER TABLE suggestions ADD COLUMN region_id TEXT;
            ALTER TABLE suggestions ADD COLUMN confidence DOUBLE PRECISION;
            ALTER TABLE suggestions ADD COLUMN latency_ms BIGINT;
            ALTER TABLE suggestions ADD COLUMN created_at TEXT;
            ALTER TABLE suggestions ADD COLUMN final_iou DOUBLE PRECISION;
            ALTER TABLE suggestions ADD COLUMN decision_ms BIGINT;
            """,
            // 6
            """
            CREATE TABLE case_readers(
                case_id BIGINT NOT NULL REFERENCES cases(id),
                reader TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (case_id, reader));
            """,
            // 7
            """
            CREATE TABLE case_progress(
                case_id BIGINT NOT NULL REFERENCES cases(id),
                reader TEXT NOT NULL,
                share DOUBLE PRECISION NOT NULL,
                rowid BIGSERIAL,
                PRIMARY KEY (case_id, reader));
            """,
            // 8
            """
            CREATE TABLE remote_series(
                case_id BIGINT NOT NULL REFERENCES cases(id),
                server TEXT NOT NULL,
                study_uid TEXT NOT NULL,
                series_uid TEXT NOT NULL,
                PRIMARY KEY (case_id, series_uid));
            """,
            // 9 (and, here only: a change notice on every new case and every edit, sent at commit, naming the
            // case and the session that made it, which each connection sets as groundwork.session)
            """
            CREATE FUNCTION notify_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('groundwork_cases',
                    NEW.id || ' ' || coalesce(current_setting('groundwork.session', true), ''));
                RETURN NULL;
            END;
            $$;
            ALTER TABLE cases ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
            CREATE TRIGGER cases_changed AFTER INSERT OR UPDATE OF version ON cases
                FOR EACH ROW EXECUTE FUNCTION notify_case_changed();
            CREATE TABLE case_leases(
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                holder TEXT NOT NULL,
                workstation TEXT NOT NULL,
                session TEXT NOT NULL,
                expires_at BIGINT NOT NULL);
            """,
            // 10: roles, enforced by the server. A reader reads and writes only answers they wrote
            // themselves (blind reading holds whatever client runs); an adjudicator reads and writes all
            // answers; an admin also imports cases, assigns readers and changes settings. Sign-in roles
            // are members of one of the three (see TeamRoles); the project's owner runs migrations.
            """
            DO $$
            BEGIN
                IF to_regrole('groundwork_reader') IS NULL THEN CREATE ROLE groundwork_reader NOLOGIN; END IF;
                IF to_regrole('groundwork_adjudicator') IS NULL THEN CREATE ROLE groundwork_adjudicator NOLOGIN; END IF;
                IF to_regrole('groundwork_admin') IS NULL THEN CREATE ROLE groundwork_admin NOLOGIN; END IF;
            END
            $$;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO groundwork_reader, groundwork_adjudicator;
            GRANT INSERT, UPDATE, DELETE ON boxes, questions, reasoning_steps, grades, suggestions, case_progress,
                case_leases TO groundwork_reader, groundwork_adjudicator;
            GRANT INSERT ON audit_log, users TO groundwork_reader, groundwork_adjudicator;
            GRANT UPDATE (version, status, assignee, active_seconds) ON cases TO groundwork_reader, groundwork_adjudicator;
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO groundwork_reader, groundwork_adjudicator;
            GRANT ALL ON ALL TABLES IN SCHEMA public TO groundwork_admin;
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO groundwork_admin;
            ALTER TABLE boxes ENABLE ROW LEVEL SECURITY;
            ALTER TABLE questions ENABLE ROW LEVEL SECURITY;
            ALTER TABLE reasoning_steps ENABLE ROW LEVEL SECURITY;
            ALTER TABLE grades ENABLE ROW LEVEL SECURITY;
            ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own_answers ON boxes TO groundwork_reader
                USING (author = current_user) WITH CHECK (author = current_user);
            CREATE POLICY own_answers ON questions TO groundwork_reader
                USING (author = current_user) WITH CHECK (author = current_user);
            CREATE POLICY own_answers ON reasoning_steps TO groundwork_reader
                USING (author = current_user) WITH CHECK (author = current_user);
            CREATE POLICY own_answers ON grades TO groundwork_reader
                USING (author = current_user) WITH CHECK (author = current_user);
            CREATE POLICY own_answers ON audit_log TO groundwork_reader
                USING ("user" = current_user) WITH CHECK ("user" = current_user);
            CREATE POLICY all_answers ON boxes TO groundwork_adjudicator, groundwork_admin USING (true) WITH CHECK (true);
            CREATE POLICY all_answers ON questions TO groundwork_adjudicator, groundwork_admin USING (true) WITH CHECK (true);
            CREATE POLICY all_answers ON reasoning_steps TO groundwork_adjudicator, groundwork_admin
                USING (true) WITH CHECK (true);
            CREATE POLICY all_answers ON grades TO groundwork_adjudicator, groundwork_admin USING (true) WITH CHECK (true);
            CREATE POLICY all_answers ON audit_log TO groundwork_adjudicator, groundwork_admin
                USING (true) WITH CHECK (true);
            """,
            // 11: model proposals belong to the reader they were made for; a decided one to whoever decided
            // it. A reader sees their own and those from before (no reader), which the first to reveal or
            // decide one claims; they make proposals only for themselves.
            """
            ALTER TABLE suggestions ADD COLUMN reader TEXT;
            UPDATE suggestions SET reader = decided_by WHERE decided_by IS NOT NULL;
            ALTER TABLE suggestions ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own_proposals ON suggestions TO groundwork_reader
                USING (reader = current_user OR reader IS NULL) WITH CHECK (reader = current_user);
            CREATE POLICY all_proposals ON suggestions TO groundwork_adjudicator, groundwork_admin
                USING (true) WITH CHECK (true);
            """,
            // 12: trained models kept in the project, and the promoted one. Everyone suggests with it; only
            // adjudicators and admins, who see every reader's boxes, add and promote models. And only the
            // project's own sign-ins connect to its database: the three roles belong to the whole server, so
            // without this a reader of one project would read another's cases on the same server.
            """
            DO $$
            BEGIN
                EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
            END
            $$;
            CREATE TABLE models(
                name TEXT PRIMARY KEY,
                hash TEXT NOT NULL,
                evaluation TEXT NOT NULL,
                files BYTEA NOT NULL,
                trained_by TEXT NOT NULL,
                trained_at TEXT NOT NULL);
            CREATE TABLE promoted_model(
                slot INTEGER PRIMARY KEY CHECK (slot = 1),
                name TEXT NOT NULL REFERENCES models(name),
                promoted_by TEXT NOT NULL,
                promoted_at TEXT NOT NULL);
            GRANT SELECT ON models, promoted_model TO groundwork_reader, groundwork_adjudicator;
            GRANT INSERT ON models TO groundwork_adjudicator;
            GRANT INSERT, UPDATE ON promoted_model TO groundwork_adjudicator;
            GRANT ALL ON models, promoted_model TO groundwork_admin;
            """);

    public static int latest() {
        return ALL.size();
    }

    /**
     * Brings the database up to the latest version; returns the version it had before. A session
     * that finds it up to date writes nothing, so that a reader (who may not create tables) opens it.
     */
    public static int migrate(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    try (ResultSet v = s.executeQuery("SELECT max(version) FROM schema_version")) {
                        v.next();
                        version = v.getInt(1);
                    }
                }
            }
            if (version > ALL.size()) {
                throw new SQLException("the project was written by a newer Groundwork (schema " + version
                        + "; this version knows up to " + ALL.size() + ")");
            }
            if (version < ALL.size()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
                for (int v = version; v < ALL.size(); v++) {
                    s.execute(ALL.get(v)); // one script, several statements: the driver sends it as a whole
                }
                s.execute("DELETE FROM schema_version");
                s.execute("INSERT INTO schema_version(version) VALUES (" + ALL.size() + ")");
                s.execute("GRANT SELECT ON schema_version TO groundwork_reader, groundwork_adjudicator, groundwork_admin");
            }
            c.commit();
            return version;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
