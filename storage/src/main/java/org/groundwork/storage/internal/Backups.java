package org.groundwork.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
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
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private Backups() {
    }

    static Path folder(Path projectDir) {
        return projectDir.resolve("backups");
    }

    /** A consistent copy of the open database; older copies beyond {@link #KEEP} are deleted. */
    static void take(Connection connection, Path projectDir) throws SQLException, IOException {
        Path dir = Files.createDirectories(folder(projectDir));
        Path target = dir.resolve("project-" + LocalDateTime.now().format(STAMP) + ".groundwork");
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
        }
        List<Path> all = list(projectDir);
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
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

    /**
     * Puts the newest backup in place of the database; the replaced file is kept beside it as
     * {@code project.groundwork.damaged-<time>}. Returns the backup used.
     */
    public static Path restoreLatest(Path projectDir, Path database) throws IOException {
        List<Path> all = list(projectDir);
        if (all.isEmpty()) {
            throw new IOException("there is no backup in " + folder(projectDir));
        }
        Path latest = all.get(all.size() - 1);
        if (Files.exists(database)) {
            Files.move(database, database.resolveSibling(database.getFileName() + ".damaged-"
                    + LocalDateTime.now().format(STAMP)));
        }
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
        }
        Files.copy(latest, database, StandardCopyOption.REPLACE_EXISTING);
        return latest;
    }
}
