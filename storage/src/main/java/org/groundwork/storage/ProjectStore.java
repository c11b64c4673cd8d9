package org.groundwork.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.ModelShelf;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolException;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.storage.dicomweb.PacsCache;
import org.groundwork.storage.dicomweb.PacsImport;
import org.groundwork.storage.internal.AnnotationJson;
import org.groundwork.storage.internal.ProgressTable;
import org.groundwork.storage.internal.ProjectDatabase;
import org.groundwork.storage.internal.SuggestionTable;

/**
 * The project model over JDBC, with the same SQL for a project folder (SQLite) and a team's
 * server (PostgreSQL). Every edit raises its case's version in the edit's transaction; an edit
 * made on a reading older than the stored version is refused ({@link StaleEditException}), so a
 * write never silently replaces another workstation's. Calls are serialised on the store.
 */
public abstract sealed class ProjectStore implements ProjectRepository permits SqliteProjectStore, PostgresProjectStore {
    private final Protocol protocol;
    /** The version of each case as this store last read or wrote it. */
    private final Map<Long, Long> versions = new HashMap<>();
    /** The recently edited cases as they stand, with their progress, so that an edit's progress needs no read. */
    private final Map<Long, Edited> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Edited> eldest) {
            return size() > 32;
        }
    };

    /** Users whose row in {@code users} this session has committed. */
    private final java.util.Set<String> knownUsers = new java.util.HashSet<>();

    private record Edited(CaseAnnotations annotations, Map<String, Double> progress) {
    }

    ProjectStore(Protocol protocol) {
        this.protocol = protocol;
    }

    /**
     * The project's own copy of its protocol. A project that has none yet (new, or made before
     * protocols existed) gets {@code fallback}, written into it when it is open for writing.
     */
    static Protocol protocolOf(Connection c, Path source, String name, boolean writable, Protocol fallback)
            throws SQLException, ProjectException {
        String json = setting(c, "protocol").orElse(null);
        if (json == null) {
            if (writable) {
                ProjectDatabase.update(c, "INSERT INTO settings(key, value) VALUES ('protocol', ?) ON CONFLICT DO NOTHING",
                        fallback.json());
            }
            return fallback;
        }
        try {
            return ProtocolReader.parse(source, json);
        } catch (ProtocolException e) {
            throw new ProjectException(name, "the protocol stored in the project is damaged (" + e.getMessage() + ")", e);
        }
    }

    /** The protocol a new project gets unless another is chosen. */
    public static Protocol defaultProtocol() {
        return ProtocolReader.builtIn(ProtocolReader.BUILT_IN.get(0));
    }

    /**
     * Opens a project named by its folder (or its {@value SqliteProjectStore#DATABASE} file) or by a
     * {@code postgresql://user@host:port/database}
     * address (the password from {@link PasswordFile}).
     */
    public static ProjectStore open(String where, boolean readOnly) throws ProjectException {
        if (!PostgresLocation.isLocation(where)) {
            return SqliteProjectStore.open(SqliteProjectStore.folderOf(Path.of(where)),
                    readOnly ? SqliteProjectStore.Mode.READ_ONLY : SqliteProjectStore.Mode.READ_WRITE);
        }
        return PostgresProjectStore.open(PostgresLocation.parse(where, "the project address"), readOnly,
                PostgresProjectStore.DEFAULT_LEASE);
    }

    /** The connection to use now; called with the store's monitor held. */
    abstract Connection connection() throws SQLException;

    /** The folder, or the server without credentials. */
    @Override
    public abstract String name();

    /** The folder's name, or the database's. */
    @Override
    public abstract String title();

    /** The project folder, or for a shared project a folder of this workstation's data named after it. */
    @Override
    public abstract Path localFolder();

    /** A database failure in words a user can act on. */
    abstract ProjectException explain(SQLException e);

    /**
     * A read that failed, as the unchecked exception reads throw (what is shown stays as it is); a
     * shared project also learns from it that its server has gone away.
     */
    IllegalStateException readFailed(String what, SQLException e) {
        return new IllegalStateException(what + " of " + name() + " failed (" + e.getMessage() + ")", e);
    }

    /** Checks, inside the edit's transaction, that this session may edit the case (a lease held by another refuses it). */
    void checkMayEdit(Connection c, Edit edit, String user) throws SQLException, ProjectException {
    }

    /** Whether several workstations write the project at once (a server), not only this one (a folder). */
    public boolean sharedByTeam() {
        return false;
    }

    /**
     * {@inheritDoc} Their edits then keep only their own progress, and the case's overall progress is
     * counted again by a session that sees all.
     */
    @Override
    public boolean seesAllAnswers() {
        return true;
    }

    Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public synchronized List<CaseRecord> cases() {
        List<CaseRecord> cases = new ArrayList<>();
        try (Statement s = connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT id, label, patient_key, study_uid, series_uid, status, assignee, "
                     + "active_seconds FROM cases ORDER BY id")) {
            while (rs.next()) {
                cases.add(new CaseRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), CaseStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getLong(8)));
            }
        } catch (SQLException e) {
            throw readFailed("reading cases", e);
        }
        return cases;
    }

    /** Reads provenance from five columns: author, created_at, origin, model_id, model_hash. */
    private static Provenance provenance(ResultSet rs, int first) throws SQLException {
        return new Provenance(rs.getString(first), Instant.parse(rs.getString(first + 1)),
                Provenance.Origin.valueOf(rs.getString(first + 2)), rs.getString(first + 3), rs.getString(first + 4));
    }

    /** The case's annotations; the version read first, so that a later change can only make the next edit stale. */
    @Override
    public synchronized CaseAnnotations annotations(long caseId) {
        try {
            Long version = version(connection(), caseId);
            if (version != null) {
                versions.put(caseId, version);
            }
            recent.remove(caseId); // it may have changed elsewhere: the next edit starts from what is read now
        } catch (SQLException e) {
            throw readFailed("reading case " + caseId, e);
        }
        return load(caseId).getOrDefault(caseId, CaseAnnotations.empty(caseId));
    }

    private static Long version(Connection c, long caseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM cases WHERE id = ?")) {
            s.setLong(1, caseId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    @Override
    public synchronized Map<Long, CaseAnnotations> annotations() {
        Map<Long, CaseAnnotations> all = load(null);
        for (CaseRecord c : cases()) {
            all.putIfAbsent(c.id(), CaseAnnotations.empty(c.id()));
        }
        return all;
    }

    /** Reads the annotations of one case, or of all cases when {@code caseId} is null, in five queries. */
    private Map<Long, CaseAnnotations> load(Long caseId) {
        String where = caseId == null ? "" : " WHERE q.case_id = " + caseId;
        Map<Long, List<Box>> boxes = new LinkedHashMap<>();
        Map<Long, List<Question>> questions = new LinkedHashMap<>();
        Map<Long, List<ReasoningStep>> steps = new LinkedHashMap<>();
        Map<Long, List<Grade>> grades = new LinkedHashMap<>();
        Map<Long, List<Suggestion>> suggestions = new LinkedHashMap<>();
        try (Statement s = connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, region_id, label, min_i, min_j, min_k, max_i, max_j, max_k, "
                    + "author, created_at, origin, model_id, model_hash, shape, patient_corners, case_id FROM boxes q"
                    + where + " ORDER BY created_at, id")) {
                while (rs.next()) {
                    long c = rs.getLong(17);
                    boxes.computeIfAbsent(c, k -> new ArrayList<>()).add(new Box(rs.getString(1), c, rs.getString(2),
                            rs.getString(3), new int[] {rs.getInt(4), rs.getInt(5), rs.getInt(6)},
                            new int[] {rs.getInt(7), rs.getInt(8), rs.getInt(9)}, Box.Shape.valueOf(rs.getString(15)),
                            AnnotationJson.numbers(rs.getString(16)), provenance(rs, 10)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, region_id, question_id, text, author, created_at, origin, "
                    + "model_id, model_hash, case_id FROM questions q" + where + " ORDER BY created_at, id")) {
                while (rs.next()) {
                    long c = rs.getLong(10);
                    questions.computeIfAbsent(c, k -> new ArrayList<>()).add(new Question(rs.getString(1), c,
                            rs.getString(2), rs.getString(3), rs.getString(4), provenance(rs, 5)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT r.id, r.question_id, r.text, r.evidence, r.author, r.created_at, "
                    + "r.origin, r.model_id, r.model_hash, q.case_id FROM reasoning_steps r JOIN questions q "
                    + "ON q.id = r.question_id" + where + " ORDER BY r.question_id, r.position")) {
                while (rs.next()) {
                    steps.computeIfAbsent(rs.getLong(10), k -> new ArrayList<>()).add(new ReasoningStep(
                            rs.getString(1), rs.getString(2), rs.getString(3), AnnotationJson.evidence(rs.getString(4)),
                            provenance(rs, 5)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT g.question_id, g.field, g.value, g.author, g.created_at, "
                    + "g.origin, g.model_id, g.model_hash, q.case_id FROM grades g JOIN questions q "
                    + "ON q.id = g.question_id" + where + " ORDER BY g.question_id, g.rowid")) {
                while (rs.next()) {
                    grades.computeIfAbsent(rs.getLong(9), k -> new ArrayList<>()).add(new Grade(rs.getString(1),
                            rs.getString(2), Integer.parseInt(rs.getString(3)), provenance(rs, 4)));
                }
            }
            for (Suggestion x : SuggestionTable.read(connection(), caseId)) {
                suggestions.computeIfAbsent(x.caseId(), k -> new ArrayList<>()).add(x);
            }
        } catch (SQLException e) {
            throw readFailed("reading the annotations", e);
        }
        Map<Long, CaseAnnotations> all = new LinkedHashMap<>();
        java.util.Set<Long> ids = new java.util.TreeSet<>(boxes.keySet());
        ids.addAll(questions.keySet());
        ids.addAll(suggestions.keySet());
        for (long c : ids) {
            all.put(c, CaseAnnotations.of(c, boxes.getOrDefault(c, List.of()), questions.getOrDefault(c, List.of()),
                    steps.getOrDefault(c, List.of()), grades.getOrDefault(c, List.of()),
                    suggestions.getOrDefault(c, List.of())));
        }
        return all;
    }

    /**
     * The case's files where they are now. A PACS series whose folder is not on this workstation
     * (a shared project's case imported on another) is looked for in this workstation's PACS cache;
     * only one file per folder is looked at before that is asked, so a case whose files are all
     * here costs no more than before.
     */
    @Override
    public List<Path> imageFiles(long caseId) throws ProjectException {
        List<Path> files = DataRoots.filesOfCase(this, caseId);
        Map<Path, Path> firstOfFolder = new LinkedHashMap<>();
        files.forEach(f -> firstOfFolder.putIfAbsent(f.getParent(), f));
        if (firstOfFolder.values().stream().allMatch(java.nio.file.Files::isRegularFile)) {
            return files;
        }
        java.util.Set<String> series = PacsImport.seriesOf(this, caseId);
        return series.isEmpty() ? files : new PacsCache(PacsCache.defaultRoot(), PacsCache.DEFAULT_LIMIT).locate(files, series);
    }

    /** The project's secret for export pseudonyms (written by migration 4; it never leaves the project). */
    @Override
    public synchronized String pseudonymSecret() throws ProjectException {
        Optional<String> secret;
        try {
            secret = setting(connection(), "pseudonym_secret");
        } catch (SQLException e) {
            throw explain(e);
        }
        return secret.orElseThrow(() -> new ProjectException(name(),
                "was made by an older Groundwork; open it once for writing to prepare it for export", null));
    }

    /** Not synchronized: the protocol is fixed when the project opens, and the UI asks for it while the store writes. */
    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public synchronized void apply(Edit edit, String user) throws ProjectException {
        applyExpecting(edit, user, versions.get(edit.caseId()));
    }

    /** The version this session expects the case to have; null when it has not read the case. */
    synchronized Long expectedVersion(long caseId) {
        return versions.get(caseId);
    }

    /** Takes the case's version as known, e.g. for edits kept to be written later on top of each other. */
    synchronized void expectVersion(long caseId, long version) {
        versions.put(caseId, version);
    }

    /**
     * Applies an edit made on the case at version {@code seen} (null: not checked); refused with
     * {@link StaleEditException} when the case has another version now.
     */
    synchronized void applyExpecting(Edit edit, String user, Long seen) throws ProjectException {
        requireWritable();
        try {
            Written written = ProjectDatabase.inTransaction(connection(), c -> write(c, edit, user, seen));
            knownUsers.add(user);
            versions.put(edit.caseId(), written.version());
            if (written.after() != null) {
                recent.put(edit.caseId(), written.after());
            } else {
                recent.remove(edit.caseId()); // another kind of edit of that case: read it again next time
            }
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    /** What an edit's transaction leaves: the case's new version and, for an answer, the case as it stands. */
    private record Written(long version, Edited after) {
    }

    /** The edit's transaction: lease, version, the edit and its audit row, and the case's progress. */
    private Written write(Connection c, Edit edit, String user, Long seen) throws SQLException, ProjectException {
        checkMayEdit(c, edit, user);
        Long version = raiseVersion(c, edit.caseId(), seen);
        if (version == null || !ProjectDatabase.writeEdit(c, edit, user, !knownUsers.contains(user), clock().instant())) {
            throw new ProjectException(name(), "the edit refers to something that does not exist: " + edit, null);
        }
        Edited before = recent.get(edit.caseId());
        Edited after = null;
        if (ProgressTable.changesAnswers(edit)) {
            // The case as it stands now: a recently edited one with this edit applied, else read once.
            CaseAnnotations now = before != null ? before.annotations().apply(edit)
                    : load(edit.caseId()).getOrDefault(edit.caseId(), CaseAnnotations.empty(edit.caseId()));
            after = new Edited(now, ProgressTable.of(now, protocol));
            if (before == null || !after.progress().equals(before.progress())) {
                if (seesAllAnswers()) {
                    ProgressTable.write(c, edit.caseId(), after.progress());
                } else {
                    ProgressTable.writeOwn(c, edit.caseId(), user, after.progress().getOrDefault(user, 0.0));
                }
            }
        }
        return new Written(version, after);
    }

    /**
     * Raises the case's version, refusing when it is not the version this store last saw: then
     * another workstation changed the case since, and the caller must read it again. Null when
     * there is no such case.
     */
    private Long raiseVersion(Connection c, long caseId, Long seen) throws SQLException, ProjectException {
        try (PreparedStatement s = c.prepareStatement(seen == null
                ? "UPDATE cases SET version = version + 1 WHERE id = ? RETURNING version"
                : "UPDATE cases SET version = version + 1 WHERE id = ? AND version = ? RETURNING version")) {
            s.setLong(1, caseId);
            if (seen != null) {
                s.setLong(2, seen);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        if (seen == null || version(c, caseId) == null) {
            return null;
        }
        versions.remove(caseId);
        recent.remove(caseId);
        throw new StaleEditException(name(), caseId);
    }

    @Override
    public synchronized int casesToLearnFrom() {
        try (Statement s = connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT case_id) FROM boxes WHERE region_id IS NOT NULL "
                     + "AND origin <> '" + Provenance.Origin.MODEL_REJECTED.name() + "'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw readFailed("counting the cases with boxes", e);
        }
    }

    /** Whom the project records for what {@code user} does in this session: a server records its sign-in. */
    String recordedAs(String user) {
        return user;
    }

    @Override
    public ModelShelf modelShelf() {
        return new StoredModels(this);
    }

    void requireWritable() {
        if (readOnly()) {
            throw new IllegalStateException(name() + " is open read-only");
        }
    }

    /** A series a case's images were retrieved from: the DICOMweb root (no credentials) and its UIDs. */
    public record RemoteSeries(String server, String studyUid, String seriesUid) {
    }

    /** Records that a case's images came from this PACS series (kept once per series). */
    public synchronized void recordRemoteSeries(long caseId, RemoteSeries series) throws ProjectException {
        try (PreparedStatement s = connection().prepareStatement(
                "INSERT INTO remote_series(case_id, server, study_uid, series_uid) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT(case_id, series_uid) DO UPDATE SET server = excluded.server, study_uid = excluded.study_uid")) {
            s.setLong(1, caseId);
            s.setString(2, series.server());
            s.setString(3, series.studyUid());
            s.setString(4, series.seriesUid());
            s.executeUpdate();
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    /** The PACS series a case's images were retrieved from; empty for images imported from files. */
    public synchronized List<RemoteSeries> remoteSeries(long caseId) {
        List<RemoteSeries> series = new java.util.ArrayList<>();
        try (PreparedStatement s = connection().prepareStatement(
                "SELECT server, study_uid, series_uid FROM remote_series WHERE case_id = ? ORDER BY series_uid")) {
            s.setLong(1, caseId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    series.add(new RemoteSeries(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw readFailed("reading the PACS origin of case " + caseId, e);
        }
        return series;
    }

    @Override
    public synchronized Optional<String> setting(String key) {
        try {
            return setting(connection(), key);
        } catch (SQLException e) {
            throw readFailed("reading setting " + key, e);
        }
    }

    private static Optional<String> setting(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public synchronized void putSetting(String key, String value) throws ProjectException {
        requireWritable();
        try {
            ProjectDatabase.update(connection(), "INSERT INTO settings(key, value) VALUES (?, ?) "
                    + "ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    @Override
    public synchronized Map<Long, Map<String, Double>> progress() {
        try {
            Connection connection = connection();
            // Cases from before the table: counted once from their annotations, and kept when the project is writable.
            List<Long> missing = ProgressTable.missing(connection);
            Map<Long, CaseAnnotations> all = missing.size() > 100 ? load(null) : null;
            Map<Long, Map<String, Double>> counted = new LinkedHashMap<>();
            for (long id : missing) {
                CaseAnnotations a = all != null ? all.getOrDefault(id, CaseAnnotations.empty(id))
                        : load(id).getOrDefault(id, CaseAnnotations.empty(id));
                counted.put(id, ProgressTable.of(a, protocol));
            }
            if (!counted.isEmpty() && !readOnly() && seesAllAnswers()) {
                ProjectDatabase.inTransaction(connection, c -> {
                    for (Map.Entry<Long, Map<String, Double>> e : counted.entrySet()) {
                        ProgressTable.write(c, e.getKey(), e.getValue());
                    }
                    return null;
                });
            }
            Map<Long, Map<String, Double>> progress = ProgressTable.read(connection);
            progress.putAll(counted); // the same rows when they were written; the only ones read-only
            return progress;
        } catch (SQLException e) {
            throw readFailed("reading the progress", e);
        }
    }

    @Override
    public synchronized Map<Long, List<String>> readerAssignments() {
        Map<Long, List<String>> assigned = new LinkedHashMap<>();
        try (Statement s = connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT case_id, reader FROM case_readers ORDER BY case_id, position")) {
            while (rs.next()) {
                assigned.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        } catch (SQLException e) {
            throw readFailed("reading the readers", e);
        }
        assigned.replaceAll((k, v) -> List.copyOf(v));
        return assigned;
    }

    @Override
    public synchronized void assignReaders(Map<Long, List<String>> assignment) throws ProjectException {
        requireWritable();
        try {
            ProjectDatabase.inTransaction(connection(), c -> {
                for (Map.Entry<Long, List<String>> e : assignment.entrySet()) {
                    ProjectDatabase.update(c, "DELETE FROM case_readers WHERE case_id = ?", e.getKey());
                    for (int n = 0; n < e.getValue().size(); n++) {
                        ProjectDatabase.update(c, "INSERT INTO case_readers(case_id, reader, position) VALUES (?, ?, ?)",
                                e.getKey(), e.getValue().get(n), n);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    @Override
    public synchronized ProjectSummary summary() {
        try (Statement s = connection().createStatement()) {
            Map<CaseStatus, Integer> byStatus = new EnumMap<>(CaseStatus.class);
            for (CaseStatus status : CaseStatus.values()) {
                byStatus.put(status, 0);
            }
            int cases = 0;
            long seconds = 0;
            try (ResultSet rs = s.executeQuery("SELECT status, count(*), sum(active_seconds) FROM cases GROUP BY status")) {
                while (rs.next()) {
                    byStatus.put(CaseStatus.valueOf(rs.getString(1)), rs.getInt(2));
                    cases += rs.getInt(2);
                    seconds += rs.getLong(3);
                }
            }
            Map<String, Integer> byUser = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT \"user\", count(*) FROM audit_log GROUP BY \"user\" ORDER BY \"user\"")) {
                while (rs.next()) {
                    byUser.put(rs.getString(1), rs.getInt(2));
                }
            }
            int boxes;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM boxes")) {
                boxes = rs.next() ? rs.getInt(1) : 0;
            }
            return new ProjectSummary(cases, byStatus, byUser, seconds, boxes);
        } catch (SQLException e) {
            throw readFailed("reading the summary", e);
        }
    }
}
