package org.groundwork.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.internal.ProjectDatabase;
import org.groundwork.viewer.core.FileOutcome;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult.Failure;
import org.groundwork.viewer.core.io.IndexResult;
import org.groundwork.viewer.core.io.SeriesSummary;
import org.groundwork.viewer.core.io.VolumeScanner;

/**
 * Imports folders of DICOM and NIfTI into a project from their headers alone. Each folder becomes
 * a data root and images are recorded by path relative to it and by content key, so that a moved
 * data root can be re-pointed and importing the same data twice changes nothing.
 */
public final class ProjectImporter {
    /** One case per volume, or one case per study (all its series together). */
    public enum Grouping { VOLUME, STUDY }

    /**
     * @param unreadable every file that could not be imported, with the reason (also kept in the
     *     project's import report)
     * @param skipped files recognised and deliberately left out (DICOMDIR, reports without images)
     * @param files every file met, once, with its outcome
     * @param caseOfFile the case each image file belongs to now (new or already present), by absolute path
     */
    public record Report(int newCases, int newImages, int alreadyPresent, List<Failure> unreadable,
                         List<Failure> skipped, List<FileOutcome> files, Map<Path, Long> caseOfFile) {
    }

    private ProjectImporter() {
    }

    public static Report importFolders(ProjectStore store, List<Path> folders, Grouping grouping,
                                       LoadMonitor monitor) throws ProjectException {
        if (store.readOnly()) {
            throw new IllegalStateException(store.name() + " is open read-only");
        }
        int newCases = 0;
        int newImages = 0;
        int alreadyPresent = 0;
        List<Failure> unreadable = new ArrayList<>();
        List<Failure> skipped = new ArrayList<>();
        List<FileOutcome> files = new ArrayList<>();
        Map<Path, Long> caseOfFile = new HashMap<>();
        VolumeScanner scanner = new VolumeScanner();
        for (Path folder : folders) {
            Path root = folder.toAbsolutePath().normalize();
            IndexResult index = scanner.index(List.of(root), monitor);
            unreadable.addAll(index.failures());
            skipped.addAll(index.skipped());
            files.addAll(index.report());
            synchronized (store) {
                Connection c;
                try {
                    c = store.connection();
                } catch (SQLException e) {
                    throw store.explain(e);
                }
                try {
                    c.setAutoCommit(false);
                    long rootId = dataRoot(c, root);
                    Instant now = Instant.now();
                    for (SeriesSummary s : index.series()) {
                        monitor.checkCancelled();
                        Long present = caseOf(c, s.contentKey());
                        if (present != null) {
                            alreadyPresent++;
                            s.files().forEach(f -> caseOfFile.put(f.toAbsolutePath().normalize(), present));
                            continue;
                        }
                        String caseKey = grouping == Grouping.STUDY && !s.studyUid().isEmpty()
                                ? "study:" + s.studyUid() : s.contentKey();
                        long[] caseId = {0};
                        if (insertCase(c, caseKey, s, caseId)) {
                            newCases++;
                        }
                        insertImage(c, caseId[0], s, rootId, root, now);
                        newImages++;
                        s.files().forEach(f -> caseOfFile.put(f.toAbsolutePath().normalize(), caseId[0]));
                    }
                    for (Failure f : index.failures()) {
                        ProjectDatabase.update(c, "INSERT INTO import_report(at, file, reason) VALUES (?, ?, ?)",
                                now.toString(), f.file().toString(), f.reason());
                    }
                    c.commit();
                } catch (SQLException e) {
                    ProjectDatabase.rollbackQuietly(c);
                    throw store.explain(e);
                } finally {
                    ProjectDatabase.autoCommitQuietly(c);
                }
            }
        }
        return new Report(newCases, newImages, alreadyPresent, unreadable, skipped, FileOutcome.onePerFile(files),
                Map.copyOf(caseOfFile));
    }

    /** The data root that contains the folder, or a new one for it. */
    private static long dataRoot(Connection c, Path folder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, path FROM data_roots");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (folder.startsWith(Path.of(rs.getString(2)))) {
                    return rs.getLong(1);
                }
            }
        }
        ProjectDatabase.update(c, "INSERT INTO data_roots(path) VALUES (?)", folder.toString());
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM data_roots WHERE path = ?")) {
            s.setString(1, folder.toString());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The case of the image with this content, or null when the project does not have it yet. */
    private static Long caseOf(Connection c, String contentKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT case_id FROM images WHERE content_key = ?")) {
            s.setString(1, contentKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Inserts the case if it is new (returns true); its id is put in {@code id[0]} either way. */
    private static boolean insertCase(Connection c, String caseKey, SeriesSummary s, long[] id) throws SQLException {
        String label = !s.description().isBlank() ? s.description()
                : s.files().get(0).getFileName().toString();
        int inserted = ProjectDatabase.update(c, "INSERT INTO cases(case_key, label, patient_key, study_uid, "
                + "series_uid) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", caseKey, label, s.patientId(), s.studyUid(), s.seriesUid());
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM cases WHERE case_key = ?")) {
            q.setString(1, caseKey);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                id[0] = rs.getLong(1);
            }
        }
        return inserted == 1;
    }

    private static void insertImage(Connection c, long caseId, SeriesSummary s, long rootId, Path root, Instant now)
            throws SQLException {
        ProjectDatabase.update(c, "INSERT INTO images(case_id, content_key, format, series_uid, description, modality, "
                        + "columns, rows, slices, data_root_id, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                caseId, s.contentKey(), s.format(), s.seriesUid(), s.description(), s.modality(), s.columns(), s.rows(),
                s.slices(), rootId, now.toString());
        long imageId;
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM images WHERE content_key = ?")) {
            q.setString(1, s.contentKey());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                imageId = rs.getLong(1);
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO image_files(image_id, relative_path) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (Path file : s.files()) {
                insert.setLong(1, imageId);
                insert.setString(2, DataRoots.relative(root, file));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

}
