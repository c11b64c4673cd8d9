package org.groundwork.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.internal.ProjectDatabase;

/**
 * Where a project's images are: data roots, and files relative to them (stored with '/' on every
 * system). A moved data root is re-pointed once; every file is then found again.
 */
public final class DataRoots {
    /** A data root and how many of its images' files exist at that path now. */
    public record DataRoot(long id, Path path, int files, int missing) {
    }

    private DataRoots() {
    }

    static String relative(Path root, Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    public static List<DataRoot> list(ProjectStore store) throws ProjectException {
        List<DataRoot> roots = new ArrayList<>();
        synchronized (store) {
            try (PreparedStatement s = store.connection().prepareStatement("SELECT id, path FROM data_roots ORDER BY id");
                 ResultSet rs = s.executeQuery()) {
                Connection c = store.connection();
                while (rs.next()) {
                    Path root = Path.of(rs.getString(2));
                    List<String> files = filesUnder(c, rs.getLong(1));
                    int missing = 0;
                    for (String f : files) {
                        if (!Files.exists(root.resolve(f))) {
                            missing++;
                        }
                    }
                    roots.add(new DataRoot(rs.getLong(1), root, files.size(), missing));
                }
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
        return roots;
    }

    /** Absolute paths of the files of a case's images, under their data roots as they are now. */
    public static List<Path> filesOfCase(ProjectStore store, long caseId) throws ProjectException {
        List<Path> files = new ArrayList<>();
        synchronized (store) {
            try (PreparedStatement s = store.connection().prepareStatement("SELECT r.path, f.relative_path "
                    + "FROM images i JOIN data_roots r ON r.id = i.data_root_id JOIN image_files f ON f.image_id = i.id "
                    + "WHERE i.case_id = ? ORDER BY i.id, f.relative_path")) {
                s.setLong(1, caseId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        files.add(Path.of(rs.getString(1)).resolve(rs.getString(2)));
                    }
                }
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
        return files;
    }

    /**
     * Points a data root at the folder it was moved to. Refused, leaving everything as it was, when
     * none of its files is found there.
     */
    public static void relocate(ProjectStore store, Path oldRoot, Path newRoot) throws ProjectException {
        Path target = newRoot.toAbsolutePath().normalize();
        synchronized (store) {
            try {
                Connection c = store.connection();
                long id;
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM data_roots WHERE path = ?")) {
                    s.setString(1, oldRoot.toAbsolutePath().normalize().toString());
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new ProjectException(store.name(), "has no data root " + oldRoot, null);
                        }
                        id = rs.getLong(1);
                    }
                }
                List<String> files = filesUnder(c, id);
                long found = files.stream().filter(f -> Files.exists(target.resolve(f))).count();
                if (!files.isEmpty() && found == 0) {
                    throw new ProjectException(store.name(), "none of the " + files.size() + " image files of "
                            + oldRoot + " is in " + target + "; the data root was not changed", null);
                }
                ProjectDatabase.update(c, "UPDATE data_roots SET path = ? WHERE id = ?", target.toString(), id);
            } catch (SQLException e) {
                throw store.explain(e);
            }
        }
    }

    private static List<String> filesUnder(Connection c, long rootId) throws SQLException {
        List<String> files = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT f.relative_path FROM image_files f "
                + "JOIN images i ON i.id = f.image_id WHERE i.data_root_id = ?")) {
            s.setLong(1, rootId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    files.add(rs.getString(1));
                }
            }
        }
        return files;
    }
}
