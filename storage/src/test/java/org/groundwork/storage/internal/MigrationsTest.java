package org.groundwork.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.SqliteProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project written by an older version opens in this one, with its data; a newer one is refused. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void theServerHasTheSameNumberedMigrationsAsAFolder() {
        assertEquals(Migrations.latest(), PostgresMigrations.latest(),
                "step n must make the same tables in both, so that a project moves between them at any version");
    }

    @Test
    void aVersionOneProjectIsMigratedOnOpenAndKeepsItsCases() throws Exception {
        try (Connection c = ProjectDatabase.connect(dir.resolve(SqliteProjectStore.DATABASE), false)) {
            Migrations.migrate(c, 1);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO cases(case_key, label, status) VALUES ('k1', 'old case', 'IN_PROGRESS')");
            }
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(dir, SqliteProjectStore.Mode.READ_WRITE)) {
            assertEquals("old case", store.cases().get(0).label());
            assertEquals(CaseStatus.IN_PROGRESS, store.cases().get(0).status());
            store.apply(new Edit.SetCaseStatus(store.cases().get(0).id(), CaseStatus.DONE), "dr.a");
        }
        try (Connection c = ProjectDatabase.connect(dir.resolve(SqliteProjectStore.DATABASE), true);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertEquals(Migrations.latest(), rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name IN "
                    + "('questions', 'reasoning_steps', 'grades', 'suggestions')")) {
                assertEquals(4, rs.getInt(1));
            }
        }
    }

    @Test
    void aProjectFromANewerVersionIsRefusedUntouched() throws Exception {
        try (Connection c = ProjectDatabase.connect(dir.resolve(SqliteProjectStore.DATABASE), false)) {
            Migrations.migrate(c, Migrations.latest());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
            }
        }
        ProjectException e = assertThrows(ProjectException.class,
                () -> SqliteProjectStore.open(dir, SqliteProjectStore.Mode.READ_WRITE));
        assertTrue(e.getMessage().contains("newer Groundwork"), e.getMessage());
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseAtItsOldVersion() throws Exception {
        try (Connection c = ProjectDatabase.connect(dir.resolve(SqliteProjectStore.DATABASE), false)) {
            Migrations.migrate(c, 1);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE questions(x)"); // makes migration 2 fail half-way
            }
            assertThrows(SQLException.class, () -> Migrations.migrate(c, 2));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertEquals(1, rs.getInt(1));
            }
        }
    }
}
