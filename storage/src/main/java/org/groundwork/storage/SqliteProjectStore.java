package org.groundwork.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolException;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.storage.internal.AnnotationJson;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.storage.internal.Backups;
import org.groundwork.storage.internal.ProgressTable;
import org.groundwork.storage.internal.ProjectDatabase;
import org.groundwork.storage.internal.SuggestionTable;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.storage.internal.ProjectLock;

/**
 * A project: a folder with one SQLite database ({@value #DATABASE}), its lock file and rolling
 * backups. Every edit is one transaction in WAL mode with full sync, committed before
 * {@link #apply} returns, so an acknowledged edit survives a killed process or a power cut.
 */
public final class SqliteProjectStore implements ProjectRepository {
    public static final String DATABASE = "project.groundwork";

    private final Path dir;
    private final Connection connection;
    private final ProjectLock lock;
    private final Clock clock;
    private final Protocol protocol;
    /** The annotations of the case edited last, kept so that its progress needs no read per edit. */
    private CaseAnnotations lastEdited;
    private Map<String, Double> lastProgress;

    private SqliteProjectStore(Path dir, Connection connection, ProjectLock lock, Clock clock, Protocol protocol) {
        this.dir = dir;
        this.protocol = protocol;
        this.connection = connection;
        this.lock = lock;
        this.clock = clock;
    }

    /** How to open: as the one writer, or read-only beside a writer. */
    public enum Mode { READ_WRITE, READ_ONLY }

    /** The protocol a new project gets unless another is chosen. */
    public static Protocol defaultProtocol() {
        return ProtocolReader.builtIn(ProtocolReader.BUILT_IN.get(0));
    }

    /** Creates the folder and database when missing (with the default protocol), then opens it for writing. */
    public static SqliteProjectStore openOrCreate(Path dir) throws ProjectException {
        return openOrCreate(dir, defaultProtocol());
    }

    /** Creates the folder and database when missing, then opens it for writing; a new project gets {@code protocol}. */
    public static SqliteProjectStore openOrCreate(Path dir, Protocol protocol) throws ProjectException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ProjectException(dir, "cannot create the project folder (" + e.getMessage() + ")", e);
        }
        return open(dir, Mode.READ_WRITE, protocol);
    }

    public static SqliteProjectStore open(Path dir, Mode mode) throws ProjectException {
        return open(dir, mode, null);
    }

    /** Opens a project; {@code newProtocol} non-null means create it when missing, with that protocol. */
    private static SqliteProjectStore open(Path dir, Mode mode, Protocol newProtocol) throws ProjectException {
        boolean create = newProtocol != null;
        Path database = dir.resolve(DATABASE);
        if (!create && !Files.exists(database)) {
            throw new ProjectException(dir, "is not a Groundwork project (no " + DATABASE + ")");
        }
        ProjectLock lock = mode == Mode.READ_WRITE ? ProjectLock.acquire(dir) : null;
        try {
            Connection c = ProjectDatabase.connect(database, mode == Mode.READ_ONLY);
            Protocol protocol;
            try {
                ProjectDatabase.checkIntegrity(c);
                if (mode == Mode.READ_WRITE) {
                    ProjectDatabase.migrate(c);
                    ProjectDatabase.backup(c, dir);
                }
                protocol = protocolOf(dir, c, mode, newProtocol == null ? defaultProtocol() : newProtocol);
            } catch (SQLException | IOException | ProjectException | RuntimeException e) {
                c.close();
                throw e;
            }
            return new SqliteProjectStore(dir, c, lock, Clock.systemUTC(), protocol);
        } catch (SQLException e) {
            if (lock != null) {
                lock.close();
            }
            throw ProjectDatabase.explain(dir, e);
        } catch (IOException e) {
            if (lock != null) {
                lock.close();
            }
            throw new ProjectException(dir, "cannot write the backup (" + e.getMessage() + ")", e);
        } catch (ProjectException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * The project's own copy of its protocol. A project that has none yet (new, or made before
     * protocols existed) gets {@code fallback}, written into it when it is open for writing.
     */
    private static Protocol protocolOf(Path dir, Connection c, Mode mode, Protocol fallback)
            throws SQLException, ProjectException {
        String json = null;
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE key = 'protocol'");
             ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                json = rs.getString(1);
            }
        }
        if (json == null) {
            if (mode == Mode.READ_WRITE) {
                ProjectDatabase.update(c, "INSERT INTO settings(key, value) VALUES ('protocol', ?)", fallback.json());
            }
            return fallback;
        }
        try {
            return ProtocolReader.parse(dir.resolve(DATABASE), json);
        } catch (ProtocolException e) {
            throw new ProjectException(dir, "the protocol stored in the project is damaged (" + e.getMessage() + ")", e);
        }
    }

    /** Replaces a damaged database with the newest backup; returns the backup that was used. */
    /** The backup {@link #restoreLatestBackup} put in place, and the newer ones it skipped as damaged, with why. */
    public record Restored(Path backup, List<String> skipped) {
    }

    public static Restored restoreLatestBackup(Path dir) throws ProjectException {
        try (ProjectLock lock = ProjectLock.acquire(dir)) {
            Backups.Restored restored = Backups.restoreLatest(dir, dir.resolve(DATABASE));
            return new Restored(restored.backup(), restored.skipped());
        } catch (IOException e) {
            throw new ProjectException(dir, "cannot restore a backup (" + e.getMessage() + ")", e);
        }
    }

    public Path folder() {
        return dir;
    }

    /** Who held the project when it was last left open by a process that died; null if none. */
    public String clearedStaleLock() {
        return lock == null ? null : lock.staleOwner();
    }

    @Override
    public boolean readOnly() {
        return lock == null;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public synchronized List<CaseRecord> cases() {
        List<CaseRecord> cases = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, label, patient_key, study_uid, series_uid, status, assignee, "
                     + "active_seconds FROM cases ORDER BY id")) {
            while (rs.next()) {
                cases.add(new CaseRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), CaseStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getLong(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading cases of " + dir, e);
        }
        return cases;
    }

    /** Reads provenance from five columns: author, created_at, origin, model_id, model_hash. */
    private static Provenance provenance(ResultSet rs, int first) throws SQLException {
        return new Provenance(rs.getString(first), Instant.parse(rs.getString(first + 1)),
                Provenance.Origin.valueOf(rs.getString(first + 2)), rs.getString(first + 3), rs.getString(first + 4));
    }

    @Override
    public synchronized CaseAnnotations annotations(long caseId) {
        return load(caseId).getOrDefault(caseId, CaseAnnotations.empty(caseId));
    }

    @Override
    public synchronized Map<Long, CaseAnnotations> annotations() {
        Map<Long, CaseAnnotations> all = load(null);
        for (CaseRecord c : cases()) {
            all.putIfAbsent(c.id(), CaseAnnotations.empty(c.id()));
        }
        return all;
    }

    /** Reads the annotations of one case, or of all cases when {@code caseId} is null, in four queries. */
    private Map<Long, CaseAnnotations> load(Long caseId) {
        String where = caseId == null ? "" : " WHERE q.case_id = " + caseId;
        Map<Long, List<Box>> boxes = new LinkedHashMap<>();
        Map<Long, List<Question>> questions = new LinkedHashMap<>();
        Map<Long, List<ReasoningStep>> steps = new LinkedHashMap<>();
        Map<Long, List<Grade>> grades = new LinkedHashMap<>();
        Map<Long, List<Suggestion>> suggestions = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
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
            for (Suggestion x : SuggestionTable.read(connection, caseId)) {
                suggestions.computeIfAbsent(x.caseId(), k -> new ArrayList<>()).add(x);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the annotations of " + dir, e);
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

    /** The project's secret for export pseudonyms (written by migration 4; it never leaves the project). */
    @Override
    public List<Path> imageFiles(long caseId) throws ProjectException {
        return DataRoots.filesOfCase(this, caseId);
    }

    @Override
    public synchronized String pseudonymSecret() throws ProjectException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM settings WHERE key = 'pseudonym_secret'")) {
            if (rs.next()) {
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw ProjectDatabase.explain(dir, e);
        }
        throw new ProjectException(dir, "was made by an older Groundwork; open it once for writing to prepare it for export");
    }

    /** Not synchronized: the protocol is fixed when the project opens, and the UI asks for it while the store writes. */
    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public synchronized void apply(Edit edit, String user) throws ProjectException {
        if (readOnly()) {
            throw new IllegalStateException(dir + " is open read-only");
        }
        try {
            connection.setAutoCommit(false);
            try {
                if (!ProjectDatabase.writeEdit(connection, edit, user, clock.instant())) {
                    ProjectDatabase.rollbackQuietly(connection);
                    throw new ProjectException(dir, "the edit refers to something that does not exist: " + edit);
                }
                CaseAnnotations after = null;
                Map<String, Double> progress = null;
                if (ProgressTable.changesAnswers(edit)) {
                    // The case as it stands now: the last one edited with this edit applied, else read once.
                    boolean known = lastEdited != null && lastEdited.caseId() == edit.caseId();
                    after = known ? lastEdited.apply(edit) : annotations(edit.caseId());
                    progress = ProgressTable.of(after, protocol);
                    if (!known || !progress.equals(lastProgress)) {
                        ProgressTable.write(connection, edit.caseId(), progress); // in the edit's transaction
                    }
                }
                connection.commit();
                if (after != null) {
                    lastEdited = after;
                    lastProgress = progress;
                } else if (lastEdited != null && lastEdited.caseId() == edit.caseId()) {
                    lastEdited = null; // another kind of edit of that case: read it again next time
                }
            } catch (SQLException | RuntimeException e) {
                ProjectDatabase.rollbackQuietly(connection);
                throw e;
            } finally {
                ProjectDatabase.autoCommitQuietly(connection);
            }
        } catch (SQLException e) {
            throw ProjectDatabase.explain(dir, e);
        }
    }

    /** A series a case's images were retrieved from: the DICOMweb root (no credentials) and its UIDs. */
    public record RemoteSeries(String server, String studyUid, String seriesUid) {
    }

    /** Records that a case's images came from this PACS series (kept once per series). */
    public synchronized void recordRemoteSeries(long caseId, RemoteSeries series) throws ProjectException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT OR REPLACE INTO remote_series(case_id, server, study_uid, series_uid) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, caseId);
            s.setString(2, series.server());
            s.setString(3, series.studyUid());
            s.setString(4, series.seriesUid());
            s.executeUpdate();
        } catch (SQLException e) {
            throw ProjectDatabase.explain(dir, e);
        }
    }

    /** The PACS series a case's images were retrieved from; empty for images imported from files. */
    public synchronized List<RemoteSeries> remoteSeries(long caseId) {
        List<RemoteSeries> series = new java.util.ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT server, study_uid, series_uid FROM remote_series WHERE case_id = ? ORDER BY series_uid")) {
            s.setLong(1, caseId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    series.add(new RemoteSeries(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the PACS origin of case " + caseId + " of " + dir, e);
        }
        return series;
    }

    @Override
    public synchronized java.util.Optional<String> setting(String key) {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading setting " + key + " of " + dir, e);
        }
    }

    @Override
    public synchronized void putSetting(String key, String value) throws ProjectException {
        if (readOnly()) {
            throw new IllegalStateException(dir + " is open read-only");
        }
        try {
            ProjectDatabase.update(connection, "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", key, value);
        } catch (SQLException e) {
            throw ProjectDatabase.explain(dir, e);
        }
    }

    @Override
    public synchronized Map<Long, Map<String, Double>> progress() {
        try {
            // Cases from before the table: counted once from their annotations, and kept when the project is writable.
            List<Long> missing = ProgressTable.missing(connection);
            Map<Long, CaseAnnotations> all = missing.size() > 100 ? load(null) : null;
            Map<Long, Map<String, Double>> counted = new LinkedHashMap<>();
            for (long id : missing) {
                CaseAnnotations a = all != null ? all.getOrDefault(id, CaseAnnotations.empty(id)) : annotations(id);
                counted.put(id, ProgressTable.of(a, protocol));
            }
            if (!counted.isEmpty() && !readOnly()) {
                connection.setAutoCommit(false);
                try {
                    for (Map.Entry<Long, Map<String, Double>> e : counted.entrySet()) {
                        ProgressTable.write(connection, e.getKey(), e.getValue());
                    }
                    connection.commit();
                } finally {
                    ProjectDatabase.autoCommitQuietly(connection);
                }
            }
            Map<Long, Map<String, Double>> progress = ProgressTable.read(connection);
            progress.putAll(counted); // the same rows when they were written; the only ones read-only
            return progress;
        } catch (SQLException e) {
            ProjectDatabase.rollbackQuietly(connection);
            throw new IllegalStateException("reading the progress of " + dir, e);
        }
    }

    @Override
    public synchronized Map<Long, List<String>> readerAssignments() {
        Map<Long, List<String>> assigned = new java.util.LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT case_id, reader FROM case_readers ORDER BY case_id, position")) {
            while (rs.next()) {
                assigned.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the readers of " + dir, e);
        }
        assigned.replaceAll((k, v) -> List.copyOf(v));
        return assigned;
    }

    @Override
    public synchronized void assignReaders(Map<Long, List<String>> assignment) throws ProjectException {
        if (readOnly()) {
            throw new IllegalStateException(dir + " is open read-only");
        }
        try {
            connection.setAutoCommit(false);
            for (Map.Entry<Long, List<String>> e : assignment.entrySet()) {
                ProjectDatabase.update(connection, "DELETE FROM case_readers WHERE case_id = ?", e.getKey());
                for (int n = 0; n < e.getValue().size(); n++) {
                    ProjectDatabase.update(connection, "INSERT INTO case_readers(case_id, reader, position) VALUES (?, ?, ?)",
                            e.getKey(), e.getValue().get(n), n);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            ProjectDatabase.rollbackQuietly(connection);
            throw ProjectDatabase.explain(dir, e);
        } finally {
            ProjectDatabase.autoCommitQuietly(connection);
        }
    }

    @Override
    public synchronized ProjectSummary summary() {
        try (Statement s = connection.createStatement()) {
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
            try (ResultSet rs = s.executeQuery("SELECT user, count(*) FROM audit_log GROUP BY user ORDER BY user")) {
                while (rs.next()) {
                    byUser.put(rs.getString(1), rs.getInt(2));
                }
            }
            int boxes;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM boxes")) {
                boxes = rs.getInt(1);
            }
            return new ProjectSummary(cases, byStatus, byUser, seconds, boxes);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the summary of " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // every edit was committed when it was applied
        }
        if (lock != null) {
            lock.close();
        }
    }

}
