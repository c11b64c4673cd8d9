package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.groundwork.storage.PostgresServer;
import org.groundwork.storage.ProjectSeeder;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.storage.ProjectStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code groundwork migrate}, {@code status} and {@code team} on a shared project, as a user runs them. */
class MigrateCommandTest extends CommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void anAddressWithAPasswordIsRefusedWithoutShowingIt() throws Exception {
        Path folder = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(folder)) {
            ProjectSeeder.seed(store, 1, 1);
        }
        assertEquals(2, run("migrate", folder.toString(), "postgresql://dr:hunter2-secret@127.0.0.1:1/team"));
        assertTrue(err.toString().contains("keep it in ~/.pgpass"), err.toString());
        assertFalse(err.toString().contains("hunter2") || out.toString().contains("hunter2"));
        assertEquals(2, run("migrate", folder.toString(), folder.toString()));
        assertTrue(err.toString().contains("already holds a project"), err.toString());
        assertEquals(0, run("status", folder.resolve(SqliteProjectStore.DATABASE).toString()), err.toString());
        assertTrue(out.toString().startsWith(folder + ": 1 case(s)"), "the database file names its project: " + out);
    }

    @Tag("servers")
    @Test
    void aProjectMovesToTheServerAndBackAndStatusReadsItThere() throws Exception {
        assumeTrue(PostgresServer.installed(), "PostgreSQL 15 is not installed (Debian package postgresql)");
        Path folder = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(folder)) {
            ProjectSeeder.seed(store, 25, 4);
        }
        try (PostgresServer server = new PostgresServer()) {
            System.setProperty("groundwork.pgpass", server.passwordFile().toString());
            System.setProperty("groundwork.journal", tmp.resolve("journal").toString());
            String url = server.createDatabase("team").toString();
            assertEquals(0, run("migrate", folder.toString(), url), err.toString());
            assertTrue(out.toString().matches("(?s).*cases\\s+25 row\\(s\\).*boxes\\s+100 row\\(s\\).*"), out.toString());
            assertTrue(out.toString().contains("18 table(s) copied and verified"), out.toString());
            assertEquals(0, run("status", url), err.toString());
            assertTrue(out.toString().startsWith(url + ": 25 case(s), 100 box(es)"), out.toString());

            assertEquals(0, run("models", url), err.toString());
            assertTrue(out.toString().startsWith("no trained model yet"), out.toString());

            assertEquals(2, run("migrate", folder.toString(), url));
            assertTrue(err.toString().contains("already holds 25 cases"), err.toString());

            Path password = java.nio.file.Files.writeString(tmp.resolve("dana-password"), "dana-pw\n");
            assertEquals(0, run("team", "add", url, "dana", "--role", "reader", "--password-file", password.toString()),
                    err.toString());
            assertEquals(0, run("team", "list", url), err.toString());
            assertTrue(out.toString().matches("(?s)\\s*dana\\s+reader\\s*"), out.toString());
            assertEquals(2, run("team", "add", url, "Robert'); DROP TABLE cases;--", "--role", "reader",
                    "--password-file", password.toString()));
            assertTrue(err.toString().contains("is not a sign-in name"), err.toString());
            assertEquals(2, run("team", "add", url, "erin", "--role", "boss", "--password-file", password.toString()));
            assertTrue(err.toString().contains("take reader, adjudicator or admin"), err.toString());

            Path back = tmp.resolve("back");
            assertEquals(0, run("migrate", url, back.toString()), err.toString());
            try (ProjectStore original = ProjectStore.open(folder.toString(), true);
                 ProjectStore returned = ProjectStore.open(back.toString(), true)) {
                assertEquals(original.annotations(), returned.annotations());
                assertEquals(original.cases(), returned.cases());
            }
        } finally {
            System.clearProperty("groundwork.pgpass");
            System.clearProperty("groundwork.journal");
        }
    }
}
