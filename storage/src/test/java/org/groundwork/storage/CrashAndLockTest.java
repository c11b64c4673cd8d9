package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.ProjectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another process, killed with SIGKILL: nothing it acknowledged is lost, and its lock is cleared. */
class CrashAndLockTest {
    private static final int KILLS = 12;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedEditSurvivesAKillAtARandomMoment() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        Random random = new Random(5);
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < KILLS; round++) {
            Process child = ProjectChild.start("edits", project.toString(), "r" + round);
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertNotNull(first, "the child process died before its first edit");
            acknowledged.add("r" + round + "-" + first.substring(4));
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(400));
            while (System.nanoTime() < killAt) {
                String line = out.readLine();
                acknowledged.add("r" + round + "-" + line.substring(4));
            }
            child.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no close; our pipe stays open
            child.waitFor();
            // Acknowledgements already written to the pipe before the kill count too.
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                acknowledged.add("r" + round + "-" + line.substring(4));
            }
            assertIntact(project);
            try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
                assertNotNull(store.clearedStaleLock(), "the dead child's lock is reported as cleared");
                Set<String> present = new HashSet<>();
                for (Box b : store.annotations(store.cases().get(0).id()).boxes()) {
                    present.add(b.id());
                }
                for (String id : acknowledged) {
                    assertTrue(present.contains(id), "acknowledged edit " + id + " is lost (round " + round + ")");
                }
            }
        }
        assertTrue(acknowledged.size() > KILLS * 5, "the child made too few edits to test anything: " + acknowledged.size());
    }

    @Test
    void aSecondWriterIsToldWhoHasTheProjectAndMayOpenItReadOnly() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        Process holder = ProjectChild.start("hold", project.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            ProjectException e = assertThrows(ProjectException.class,
                    () -> SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE));
            assertTrue(e.getMessage().contains("open in another Groundwork window"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + holder.pid()), e.getMessage());
            try (SqliteProjectStore reader = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
                assertEquals(1, reader.cases().size());
            }
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            assertTrue(store.clearedStaleLock().contains("pid " + holder.pid()), store.clearedStaleLock());
        }
    }

    @Test
    void theSameProjectCannotBeOpenedTwiceForWritingInOneProcess() throws Exception {
        Path project = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore first = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            ProjectException e = assertThrows(ProjectException.class,
                    () -> SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        try (SqliteProjectStore again = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            assertEquals(null, again.clearedStaleLock(), "a project closed properly leaves no stale lock");
        }
    }

    static void assertIntact(Path project) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve(SqliteProjectStore.DATABASE));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            assertEquals("ok", rs.getString(1));
        }
    }
}
