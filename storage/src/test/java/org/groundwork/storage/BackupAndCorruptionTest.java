package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.internal.Backups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling backups, a damaged database reported as such, and restoring the newest backup. */
class BackupAndCorruptionTest {
    @TempDir
    Path tmp;

    @Test
    void onlyTheLastBackupsAreKept() throws Exception {
        Path project = tmp.resolve("p");
        for (int i = 0; i < Backups.KEEP + 3; i++) {
            SqliteProjectStore.openOrCreate(project).close();
        }
        assertEquals(Backups.KEEP, Backups.list(project).size());
    }

    @Test
    void aFullDiskRefusesTheEditWithAClearMessageAndKeepsEverythingSaved() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = store.cases().get(0).id();
            store.apply(new Edit.PutBox(ProjectStoreTest.box("kept", caseId, 0)), "dr.a");
            try (var s = store.connection().createStatement()) {
                // SQLite reports a database that may not grow exactly as it reports a full disk.
                s.execute("PRAGMA max_page_count = " + pageCount(store));
            }
            ProjectException full = assertThrows(ProjectException.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    store.apply(new Edit.PutBox(ProjectStoreTest.box("more-" + i, caseId, i % 40)), "dr.a");
                }
            });
            assertTrue(full.getMessage().contains("disk is full"), full.getMessage());
            assertTrue(store.annotations(caseId).boxes().stream().anyMatch(b -> b.id().equals("kept")));
        }
        CrashAndLockTest.assertIntact(project);
    }

    private static long pageCount(SqliteProjectStore store) throws Exception {
        try (var s = store.connection().createStatement(); var rs = s.executeQuery("PRAGMA page_count")) {
            return rs.getLong(1);
        }
    }

    @Test
    void aDamagedDatabaseIsReportedAndTheNewestBackupRestoresTheProject() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            store.apply(new Edit.SetCaseStatus(store.cases().get(0).id(), CaseStatus.DONE), "dr.a");
        }
        SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE).close(); // backup with the edit

        Path database = project.resolve(SqliteProjectStore.DATABASE);
        try (RandomAccessFile file = new RandomAccessFile(database.toFile(), "rw")) {
            for (long at = 0; at < file.length(); at += 997) {
                file.seek(at);
                file.write(0x5A);
            }
        }
        ProjectException damaged = assertThrows(ProjectException.class,
                () -> SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
        assertTrue(damaged.getMessage().contains("groundwork restore"), damaged.getMessage());
        assertTrue(Files.notExists(project.resolve("project.lock")), "a failed open leaves no lock behind");

        SqliteProjectStore.restoreLatestBackup(project);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            assertEquals(CaseStatus.DONE, store.cases().get(0).status());
        }
        try (Stream<Path> files = Files.list(project)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("project.groundwork.damaged-")),
                    "the damaged file is kept for inspection");
        }
    }

    @Test
    void restoreSkipsABrokenBackupSayingWhyAndAnInterruptedBackupNeverCounts() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            store.apply(new Edit.SetCaseStatus(store.cases().get(0).id(), CaseStatus.DONE), "dr.a");
        }
        SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE).close(); // a backup with the edit
        Thread.sleep(5); // backups are named by the millisecond
        SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE).close(); // the newest backup
        List<Path> backups = org.groundwork.storage.internal.Backups.list(project);
        Path newest = backups.get(backups.size() - 1);
        // Break the newest backup as a crash or a bad disk would: pages overwritten in the middle.
        try (RandomAccessFile file = new RandomAccessFile(newest.toFile(), "rw")) {
            for (long at = 4096; at < file.length(); at += 512) {
                file.seek(at);
                file.write(new byte[64]);
            }
        }
        // An interrupted backup (killed while copying) lies beside them.
        Files.writeString(newest.resolveSibling("project-29991231-235959-999.groundwork.partial"), "half a copy");
        assertEquals(backups, org.groundwork.storage.internal.Backups.list(project), "a partial copy is no backup");

        SqliteProjectStore.Restored restored = SqliteProjectStore.restoreLatestBackup(project);
        assertEquals(backups.get(backups.size() - 2), restored.backup());
        assertEquals(1, restored.skipped().size());
        assertTrue(restored.skipped().get(0).startsWith(newest.getFileName() + ": "), restored.skipped().toString());
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            assertEquals(CaseStatus.DONE, store.cases().get(0).status());
        }
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")), "the next backup clears leftovers");
        }
    }

    @Test
    void whenNoBackupIsSoundNothingIsTouched() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE).close();
        for (Path backup : org.groundwork.storage.internal.Backups.list(project)) {
            Files.writeString(backup, "not a database");
        }
        byte[] before = Files.readAllBytes(project.resolve(SqliteProjectStore.DATABASE));
        ProjectException e = assertThrows(ProjectException.class, () -> SqliteProjectStore.restoreLatestBackup(project));
        assertTrue(e.getMessage().contains("passes the integrity check") && e.getMessage().contains("left as it is"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(project.resolve(SqliteProjectStore.DATABASE)));
    }

}
