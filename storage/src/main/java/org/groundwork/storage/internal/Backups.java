package org.groundwork.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Rolling copies of the project database in {@code backups/}, taken with SQLite's own snapshot. */
public final class Backups {
    public static final int KEEP = 5;
    /** A backup being written: not counted as one until it has passed the integrity check. */
    private static final String PARTIAL = ".partial";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private Backups() {
    }

    static Path folder(Path projectDir) {
        return projectDir.resolve("backups");
    }

    /**
     * A consistent copy of the open database, written under a temporary name and given its final name
     * only once SQLite's integrity check passes, so that a crash mid-copy never leaves a backup that
     * looks sound; older copies beyond {@link #KEEP} and leftovers of interrupted copies are deleted.
     */
    static void take(Connection connection, Path projectDir) throws SQLException, IOException {
        Path dir = Files.createDirectories(folder(projectDir));
        String name = "project-" + LocalDateTime.now().format(STAMP) + ".groundwork";
        Path partial = dir.resolve(name + PARTIAL);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path leftover : files.filter(p -> p.getFileName().toString().endsWith(PARTIAL)).toList()) {
                Files.deleteIfExists(leftover);
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
        }
        String problem = integrityProblem(partial);
        if (problem != null) {
            Files.deleteIfExists(partial);
            throw new IOException("the backup just written failed its integrity check (" + problem + ")");
        }
        Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        List<Path> all = list(projectDir);
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Why a database file is not sound (SQLite's integrity check, or why it cannot be read); null when it is. */
    static String integrityProblem(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            return "ok".equals(first) ? null : first;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Backups, oldest first. */
    public static List<Path> list(Path projectDir) throws IOException {
        Path dir = folder(projectDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".groundwork"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** The backup put in place, and the newer ones skipped because they failed the integrity check, with why. */
    public record Restored(Path backup, List<String> skipped) {
    }

    /**
     * Puts the newest sound backup in place of the database; the replaced file is kept beside it as
     * {@code project.groundwork.damaged-<time>}. Backups that fail SQLite's integrity check are skipped
     * and named; when none is sound, nothing is changed.
     */
    public static Restored restoreLatest(Path projectDir, Path database) throws IOException {
        List<Path> all = list(projectDir);
        if (all.isEmpty()) {
            throw new IOException("there is no backup in " + folder(projectDir));
        }
        List<String> skipped = new java.util.ArrayList<>();
        Path sound = null;
        for (int i = all.size() - 1; i >= 0 && sound == null; i--) {
            String problem = integrityProblem(all.get(i));
            if (problem == null) {
                sound = all.get(i);
            } else {
                skipped.add(all.get(i).getFileName() + ": " + problem);
            }
        }
        if (sound == null) {
            throw new IOException("no backup in " + folder(projectDir) + " passes the integrity check ("
                    + String.join("; ", skipped) + "); the database was left as it is");
        }
        if (Files.exists(database)) {
            Files.move(database, database.resolveSibling(database.getFileName() + ".damaged-"
                    + LocalDateTime.now().format(STAMP)));
        }
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
        }
        Files.copy(sound, database, StandardCopyOption.REPLACE_EXISTING);
        return new Restored(sound, List.copyOf(skipped));
    }
}
