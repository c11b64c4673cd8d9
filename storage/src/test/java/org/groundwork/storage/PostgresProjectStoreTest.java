package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.CaseLease;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared store against a real PostgreSQL 15 started for these tests. */
@Tag("servers")
class PostgresProjectStoreTest {
    private static final Provenance ME = Provenance.human("dr.a", Instant.parse("2026-05-06T07:08:09.123Z"));
    private static PostgresServer server;
    private static int databases;

    @TempDir
    Path tmp;
    /** The folder project the last {@link #sharedProject} was moved from. */
    private Path folder;

    @TempDir
    static Path journals;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(PostgresServer.installed(), "PostgreSQL 15 is not installed (Debian package postgresql)");
        server = new PostgresServer();
        System.setProperty("groundwork.pgpass", server.passwordFile().toString());
        System.setProperty("groundwork.journal", journals.toString());
    }

    @AfterAll
    static void stopServer() throws Exception {
        System.clearProperty("groundwork.pgpass");
        System.clearProperty("groundwork.journal");
        if (server != null) {
            server.close();
        }
    }

    /** A shared project made by moving a folder project with {@code cases} seeded cases to a new database. */
    private PostgresLocation sharedProject(int cases) throws Exception {
        folder = tmp.resolve("folder-" + databases);
        try (SqliteProjectStore local = SqliteProjectStore.openOrCreate(folder)) {
            ProjectSeeder.seed(local, cases, 2);
            PostgresLocation at = server.createDatabase("project" + databases++);
            try (PostgresProjectStore shared = PostgresProjectStore.openOrCreate(at, local.protocol())) {
                ProjectTransfer.copy(local, shared);
            }
            return at;
        }
    }

    private static List<Edit> answers(long caseId) {
        Box box = new Box("b1", caseId, "femur-medial-central", "FMC", new int[] {1, 0, 0}, new int[] {3, 2, 2},
                Box.Shape.VOLUME, new double[] {0.5, -0.5, -0.5, 2.5, 1.5, 1.5}, ME);
        Question q = new Question("q1", caseId, "femur-medial-central", "q20", "Is the cartilage damaged?", ME);
        return List.of(new Edit.PutBox(box), new Edit.PutQuestion(q),
                new Edit.PutStep(caseId, new ReasoningStep("s1", "q1", "Find the condyle.", new Evidence.BoxRef("b1"), ME), 0),
                new Edit.PutStep(caseId, new ReasoningStep("s2", "q1", "Thinning.",
                        new Evidence.ViewBookmark("SAGITTAL", 1, 300.5, 800, new double[] {1.25, -2, 3}), ME), 0),
                new Edit.SetGrade(caseId, new Grade("q1", "Size of lesion", 2, ME)),
                new Edit.SetGrade(caseId, new Grade("q1", "Depth of lesion", 1, ME)),
                new Edit.SetGrade(caseId, new Grade("q1", "Size of lesion", 3, ME)),
                new Edit.DeleteBox(caseId, "seed-0-1"));
    }

    @Test
    void theSameEditsGiveTheSameProjectOnTheServerAsInAFolder() throws Exception {
        PostgresLocation at = sharedProject(3);
        try (SqliteProjectStore local = SqliteProjectStore.open(folder, SqliteProjectStore.Mode.READ_WRITE);
             PostgresProjectStore shared = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            long caseId = local.cases().get(0).id();
            CaseEditor onDisk = new CaseEditor(local.annotations(caseId), e -> local.apply(e, "dr.a"));
            CaseEditor onServer = new CaseEditor(shared.annotations(caseId), e -> shared.apply(e, "dr.a"));
            for (Edit e : answers(caseId)) {
                onDisk.apply(e);
                onServer.apply(e);
            }
            onServer.undo();
            onDisk.undo();
            local.apply(new Edit.AddActiveTime(caseId, 42), "dr.a");
            shared.apply(new Edit.AddActiveTime(caseId, 42), "dr.a");
            assertEquals(local.annotations(caseId), shared.annotations(caseId));
            assertEquals(List.of("s2", "s1"), shared.annotations(caseId).steps("q1").stream().map(ReasoningStep::id).toList());
            assertEquals(local.progress(), shared.progress());
            assertEquals(local.summary(), shared.summary());
            assertEquals(local.cases(), shared.cases());
            assertEquals(local.pseudonymSecret(), shared.pseudonymSecret());
        }
        try (PostgresProjectStore again = PostgresProjectStore.open(at, true, Duration.ofSeconds(30))) {
            assertEquals(3, again.annotations(again.cases().get(0).id()).grades("q1").get("Size of lesion").value());
        }
    }

    @Test
    void anEditMadeOnAnOlderReadingIsRefusedNotMerged() throws Exception {
        PostgresLocation at = sharedProject(1);
        try (PostgresProjectStore a = PostgresProjectStore.open(at, false, Duration.ofSeconds(30));
             PostgresProjectStore b = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            long caseId = a.cases().get(0).id();
            a.annotations(caseId);
            b.annotations(caseId);
            a.apply(new Edit.PutBox(ProjectStoreTest.box("from-a", caseId, 1)), "dr.a");
            StaleEditException stale = assertThrows(StaleEditException.class,
                    () -> b.apply(new Edit.DeleteBox(caseId, "from-a"), "dr.b"));
            assertTrue(stale.getMessage().contains("changed on another workstation"), stale.getMessage());
            assertTrue(a.annotations(caseId).box("from-a").isPresent(), "the refused edit changed nothing");
            CaseAnnotations fresh = b.annotations(caseId); // read again: the edit goes through
            assertTrue(fresh.box("from-a").isPresent());
            b.apply(new Edit.DeleteBox(caseId, "from-a"), "dr.b");
            assertThrows(StaleEditException.class, () -> a.apply(new Edit.PutBox(ProjectStoreTest.box("again", caseId, 2)), "dr.a"));
            assertFalse(b.annotations(caseId).box("again").isPresent());
        }
    }

    @Test
    void progressCountsWhatAnotherWorkstationAnsweredInTheMeantime() throws Exception {
        PostgresLocation at = sharedProject(1);
        Provenance b = Provenance.human("dr.b", Instant.EPOCH);
        try (PostgresProjectStore one = PostgresProjectStore.open(at, false, Duration.ofSeconds(30));
             PostgresProjectStore two = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            long id = one.cases().get(0).id();
            one.apply(new Edit.PutQuestion(new Question("qa", id, "femur-medial-central", "q20", "?", ME)), "dr.a");
            two.annotations(id);
            two.apply(new Edit.PutQuestion(new Question("qb", id, "femur-medial-central", "q20", "?", b)), "dr.b");
            two.apply(new Edit.PutBox(new Box("bb", id, "femur-medial-central", null, new int[3], new int[] {2, 2, 2}, b)),
                    "dr.b");
            two.apply(new Edit.PutStep(id, new ReasoningStep("sb", "qb", "look", null, b), 0), "dr.b");
            two.apply(new Edit.SetGrade(id, new Grade("qb", "Size of lesion", 1, b)), "dr.b");
            two.apply(new Edit.SetGrade(id, new Grade("qb", "Depth of lesion", 0, b)), "dr.b");
            one.annotations(id); // the case as it is now, dr.b's answer included
            one.apply(new Edit.PutBox(new Box("ba", id, "femur-medial-central", null, new int[3], new int[] {2, 2, 2}, ME)),
                    "dr.a");
            one.apply(new Edit.PutStep(id, new ReasoningStep("sa", "qa", "look", null, ME), 0), "dr.a");
            one.apply(new Edit.SetGrade(id, new Grade("qa", "Size of lesion", 2, ME)), "dr.a");
            one.apply(new Edit.SetGrade(id, new Grade("qa", "Depth of lesion", 1, ME)), "dr.a");
            assertEquals(1.0, one.progress().get(id).get("dr.a"));
            assertEquals(1.0, one.progress().get(id).get("dr.b"), "dr.b's complete answer is counted with dr.a's");
        }
    }

    /**
     * One reader's complete answer to case {@code id}, as Groundwork writes it, with a model proposal
     * made for them and revealed after they drew their own box (which the proposal's row then keeps).
     */
    private static void answer(PostgresProjectStore store, long id, String reader) throws ProjectException {
        Provenance p = Provenance.human(reader, Instant.EPOCH);
        String q = "q-" + reader;
        store.annotations(id);
        store.apply(new Edit.PutQuestion(new Question(q, id, "femur-medial-central", "q20", "?", p)), reader);
        store.apply(new Edit.PutBox(new Box("b-" + reader, id, "femur-medial-central", null, new int[3],
                new int[] {2, 2, 2}, p)), reader);
        store.apply(new Edit.PutStep(id, new ReasoningStep("s-" + reader, q, "look", null, p), 0), reader);
        store.apply(new Edit.SetGrade(id, new Grade(q, "Size of lesion", 1, p)), reader);
        store.apply(new Edit.SetGrade(id, new Grade(q, "Depth of lesion", 0, p)), reader);
        store.apply(new Edit.AddSuggestions(id, List.of(org.groundwork.annotate.core.project.Suggestion.pending(
                "p-" + reader, id, "femur-medial-central", new int[3], new int[] {3, 3, 3}, 0.5, "atlas-prior", "h",
                10, Instant.EPOCH, reader))), reader);
        store.apply(new Edit.RevealSuggestion(id, "p-" + reader, new int[] {0, 0, 0, 2, 2, 2}), reader);
    }

    /**
     * Adds sign-ins (name, role, name, role, ...) to the project's server and returns a password file
     * that holds theirs and the owner's. Roles belong to the whole server: each test names its own.
     */
    private Path team(PostgresLocation at, Object... members) throws Exception {
        Path passwords = tmp.resolve("pgpass");
        Files.writeString(passwords, Files.readString(server.passwordFile()));
        try (PostgresProjectStore admin = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            for (int m = 0; m < members.length; m += 2) {
                String name = (String) members[m];
                String password = name + "-pw-" + databases;
                TeamRoles.add(admin, name, (TeamRoles.Role) members[m + 1], password.toCharArray());
                Files.writeString(passwords, "127.0.0.1:" + server.port() + ":*:" + name + ":" + password + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
        return passwords;
    }

    @Test
    void aSignInToOneProjectOpensNoOtherOnTheSameServer() throws Exception {
        PostgresLocation mine = sharedProject(1);
        PostgresLocation theirs = sharedProject(1);
        Path passwords = team(mine, "nina", TeamRoles.Role.READER);
        System.setProperty("groundwork.pgpass", passwords.toString());
        try {
            try (PostgresProjectStore nina = PostgresProjectStore.open(server.location(mine.database(), "nina"), false,
                    Duration.ofSeconds(30))) {
                assertEquals(1, nina.cases().size());
            }
            ProjectException refused = assertThrows(ProjectException.class, () -> PostgresProjectStore.open(
                    server.location(theirs.database(), "nina"), true, Duration.ofSeconds(30)).close());
            assertTrue(refused.getMessage().contains("may not"), refused.getMessage());
        } finally {
            System.setProperty("groundwork.pgpass", server.passwordFile().toString());
        }
        try (PostgresProjectStore owner = PostgresProjectStore.open(mine, false, Duration.ofSeconds(30));
             PostgresProjectStore other = PostgresProjectStore.open(theirs, false, Duration.ofSeconds(30))) {
            assertTrue(TeamRoles.members(owner).contains(new TeamRoles.Member("nina", TeamRoles.Role.READER)));
            assertFalse(TeamRoles.members(other).stream().anyMatch(m -> m.name().equals("nina")),
                    TeamRoles.members(other).toString());

            // The same person on a second project of the server: her sign-in joins it, in the role she has.
            ProjectException otherRole = assertThrows(ProjectException.class,
                    () -> TeamRoles.add(other, "nina", TeamRoles.Role.ADMIN, "x".toCharArray()));
            assertTrue(otherRole.getMessage().contains("already signs in to this server as reader"), otherRole.getMessage());
            ProjectException notOurs = assertThrows(ProjectException.class,
                    () -> TeamRoles.add(other, PostgresServer.ADMIN, TeamRoles.Role.READER, "x".toCharArray()));
            assertTrue(notOurs.getMessage().contains("not a Groundwork sign-in"), notOurs.getMessage());
            assertFalse(TeamRoles.add(other, "nina", TeamRoles.Role.READER, "ignored".toCharArray()));
            assertTrue(TeamRoles.members(other).contains(new TeamRoles.Member("nina", TeamRoles.Role.READER)));
        }
        System.setProperty("groundwork.pgpass", passwords.toString());
        try (PostgresProjectStore nina = PostgresProjectStore.open(server.location(theirs.database(), "nina"), true,
                Duration.ofSeconds(30))) {
            assertEquals(1, nina.cases().size(), "she signs in with the password she had");
        } finally {
            System.setProperty("groundwork.pgpass", server.passwordFile().toString());
        }
    }

    @Test
    void theTeamSharesTheModelsThatAnAdjudicatorTrains() throws Exception {
        PostgresLocation at = sharedProject(1);
        Path passwords = team(at, "rita", TeamRoles.Role.READER, "adam", TeamRoles.Role.ADJUDICATOR);
        byte[] weights = new byte[3_000_000];
        new java.util.Random(7).nextBytes(weights);
        System.setProperty("groundwork.pgpass", passwords.toString());
        try (PostgresProjectStore rita = PostgresProjectStore.open(server.location(at.database(), "rita"), false,
                Duration.ofSeconds(30));
             PostgresProjectStore adam = PostgresProjectStore.open(server.location(at.database(), "adam"), false,
                     Duration.ofSeconds(30))) {
            assertEquals(java.util.Optional.empty(), adam.modelShelf().whyNotTrain());
            assertTrue(adam.modelShelf().add(ModelShelfStoreTest.model("m1", 1), weights, true, null));
            assertEquals(List.of(ModelShelfStoreTest.model("m1", 1).name()),
                    rita.modelShelf().list().stream().filter(m -> m.promoted()).map(m -> m.name()).toList());
            assertArrayEquals(weights, rita.modelShelf().files("m1"), "a reader suggests with the team's model");

            assertTrue(rita.modelShelf().whyNotTrain().orElseThrow().contains("sees only their own boxes"));
            ProjectException refused = assertThrows(ProjectException.class,
                    () -> rita.modelShelf().add(ModelShelfStoreTest.model("m2", 2), weights, true, "m1"));
            assertTrue(refused.getMessage().contains("adjudicator or an admin"), refused.getMessage());
            String passwordOfRita = Files.readAllLines(passwords).stream().filter(l -> l.contains(":rita:"))
                    .findFirst().orElseThrow().replaceFirst(".*:rita:", "");
            try (Connection sql = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                    + "/" + at.database(), "rita", passwordOfRita); Statement s = sql.createStatement()) {
                for (String attack : List.of("UPDATE promoted_model SET name = 'm0'", "DELETE FROM models",
                        "INSERT INTO models(name, hash, evaluation, files, trained_by, trained_at) "
                                + "VALUES ('m0', 'h', '{}', '\\x00', 'rita', '2026-01-01T00:00:00Z')")) {
                    assertThrows(java.sql.SQLException.class, () -> s.execute(attack), attack);
                }
            }
            assertEquals(List.of("adam"), adam.modelShelf().list().stream().map(m -> m.trainedBy()).toList(),
                    "the server records its sign-in as the trainer, whoever the client names");

            // Going back to a model is the adjudicator's too, recorded as their sign-in; the reader sees it.
            assertFalse(adam.modelShelf().add(ModelShelfStoreTest.model("m2", 2), weights, false, null));
            assertThrows(ProjectException.class, () -> rita.modelShelf().promote("m2", "rita"));
            adam.modelShelf().promote("m2", "somebody else");
            assertEquals("m2 adam", rita.modelShelf().promotion().map(p -> p.name() + " " + p.by()).orElseThrow());

            // An assist trial the owner starts draws the same arms on every sign-in.
            try (PostgresProjectStore owner = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
                owner.putSetting(org.groundwork.annotate.core.project.AssistTrial.SETTING, "on");
            }
            var readers = org.groundwork.annotate.core.project.AssistTrial.of(rita).orElseThrow();
            var adjudicators = org.groundwork.annotate.core.project.AssistTrial.of(adam).orElseThrow();
            for (long id = 1; id <= 64; id++) {
                assertEquals(adjudicators.withProposals(id), readers.withProposals(id), "case " + id);
            }
        } finally {
            System.setProperty("groundwork.pgpass", server.passwordFile().toString());
        }
    }

    @Test
    void aReaderCannotReadAnothersAnswersEvenWithSql() throws Exception {
        PostgresLocation at = sharedProject(1);
        Path passwords = team(at, "alice", TeamRoles.Role.READER, "bob", TeamRoles.Role.READER,
                "carol", TeamRoles.Role.ADJUDICATOR);
        try (PostgresProjectStore admin = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            assertEquals(List.of(new TeamRoles.Member("alice", TeamRoles.Role.READER),
                    new TeamRoles.Member("bob", TeamRoles.Role.READER),
                    new TeamRoles.Member("carol", TeamRoles.Role.ADJUDICATOR)), TeamRoles.members(admin));
        }
        System.setProperty("groundwork.pgpass", passwords.toString());
        try (PostgresProjectStore alice = PostgresProjectStore.open(server.location(at.database(), "alice"), false,
                Duration.ofSeconds(30));
             PostgresProjectStore bob = PostgresProjectStore.open(server.location(at.database(), "bob"), false,
                     Duration.ofSeconds(30));
             PostgresProjectStore carol = PostgresProjectStore.open(server.location(at.database(), "carol"), true,
                     Duration.ofSeconds(30))) {
            long id = alice.cases().get(0).id();
            answer(alice, id, "alice");
            answer(bob, id, "bob");
            assertEquals(List.of("q-alice"), alice.annotations(id).questions().stream().map(Question::id).toList());
            assertEquals(List.of("q-bob"), bob.annotations(id).questions().stream().map(Question::id).toList());
            assertEquals(List.of("p-alice"), alice.annotations(id).suggestions().stream()
                    .map(org.groundwork.annotate.core.project.Suggestion::id).toList(), "bob's proposal is bob's reading");
            assertEquals(2, carol.annotations(id).suggestions().size());
            assertEquals(java.util.Set.of("q-alice", "q-bob"),
                    carol.annotations(id).questions().stream().map(Question::id).collect(java.util.stream.Collectors.toSet()));
            ProjectException impersonated = assertThrows(ProjectException.class, () -> alice.apply(new Edit.PutBox(
                    new Box("forged", id, "femur-medial-central", null, new int[3], new int[] {1, 1, 1},
                            Provenance.human("bob", Instant.EPOCH))), "bob"));
            assertTrue(impersonated.getMessage().contains("your role on the server may not do this"),
                    impersonated.getMessage());
            String log = server.log();
            assertTrue(log.contains("new row violates row-level security policy"), "the refusal is logged");
            assertFalse(log.contains("forged") || log.contains("femur-medial-central"),
                    "values of an edit (which may describe a patient) reach the server's log only as parameters, never logged");

            String passwordOfAlice = Files.readAllLines(passwords).stream().filter(l -> l.contains(":alice:"))
                    .findFirst().orElseThrow().replaceFirst(".*:alice:", "");
            try (Connection sql = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                    + "/" + at.database(), "alice", passwordOfAlice); Statement s = sql.createStatement()) {
                for (String table : List.of("questions", "boxes", "reasoning_steps", "grades")) {
                    try (var rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE author <> 'alice'")) {
                        rs.next();
                        assertEquals(0, rs.getInt(1), table + " shows another reader's rows");
                    }
                }
                try (var rs = s.executeQuery("SELECT count(*) FROM suggestions WHERE reader <> 'alice'")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "bob's proposal, with the box he drew, is readable");
                }
                assertEquals(0, s.executeUpdate("UPDATE suggestions SET fate = 'REJECTED' WHERE id = 'p-bob'"));
                try (var rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE payload LIKE '%q-bob%'")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "bob's edits are readable in the audit log");
                }
                assertEquals(0, s.executeUpdate("UPDATE grades SET value = '3' WHERE question_id = 'q-bob'"));
                assertEquals(0, s.executeUpdate("DELETE FROM boxes WHERE id = 'b-bob'"));
                for (String attack : List.of("ALTER TABLE questions DISABLE ROW LEVEL SECURITY",
                        "DROP POLICY own_answers ON questions", "SET ROLE groundwork_adjudicator",
                        "INSERT INTO questions(id, case_id, text, author, created_at) VALUES ('x', " + id
                                + ", '?', 'bob', '2026-01-01T00:00:00Z')",
                        "INSERT INTO suggestions(id, case_id, model_id, model_hash, payload, reader) VALUES ('y', " + id
                                + ", 'm', 'h', '[0,0,0,1,1,1]', 'bob')")) {
                    assertThrows(java.sql.SQLException.class, () -> s.execute(attack), attack);
                }
            }
            assertEquals(2, carol.annotations(id).questions().size(), "bob's answer is untouched");
            assertEquals(1, carol.annotations(id).grades("q-bob").get("Size of lesion").value());
        } finally {
            System.setProperty("groundwork.pgpass", server.passwordFile().toString());
        }
        try (PostgresProjectStore admin = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            long id = admin.cases().get(0).id();
            assertEquals(1.0, admin.progress().get(id).get("alice"));
            assertEquals(1.0, admin.progress().get(id).get("bob"));
            assertEquals(1.0, admin.progress().get(id).get(""), "both readings complete, counted by a session that sees both");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(50);
        }
    }

    private static List<String> boxIds(PostgresLocation at, long caseId) throws ProjectException {
        try (PostgresProjectStore check = PostgresProjectStore.open(at, true, Duration.ofSeconds(30))) {
            return check.annotations(caseId).boxes().stream().map(Box::id).sorted().toList();
        }
    }

    @Test
    void editsMadeWhileTheServerIsAwayAreWrittenWhenItReturns() throws Exception {
        PostgresLocation at = sharedProject(1);
        List<org.groundwork.annotate.core.project.SyncState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> expected = new java.util.ArrayList<>(List.of("seed-0-0", "seed-0-1"));
        long caseId;
        try (PostgresProjectStore a = PostgresProjectStore.open(at, false, Duration.ofSeconds(30), Duration.ofMillis(200));
             AutoCloseable watching = a.watchSync(states::add)) {
            caseId = a.cases().get(0).id();
            assertTrue(a.lease(caseId, "groundwork").mine());
            a.annotations(caseId);
            for (int n = 0; n < 3; n++) {
                a.apply(new Edit.PutBox(ProjectStoreTest.box("before-" + n, caseId, n)), "groundwork");
                expected.add("before-" + n);
            }
            server.stop();
            for (int n = 0; n < 20; n++) {
                a.apply(new Edit.PutBox(ProjectStoreTest.box("during-" + n, caseId, n)), "groundwork");
                expected.add("during-" + n);
            }
            a.apply(new Edit.DeleteBox(caseId, "during-7"), "groundwork");
            expected.remove("during-7");
            assertFalse(a.sync().online());
            assertEquals(21, a.sync().waiting());
            server.start();
            waitFor(() -> a.sync().online() && a.sync().waiting() == 0, "the kept edits were not written");
            a.apply(new Edit.PutBox(ProjectStoreTest.box("after", caseId, 1)), "groundwork");
            expected.add("after");
            assertTrue(a.sync().conflicts().isEmpty(), a.sync().conflicts().toString());
        }
        assertEquals(expected.stream().sorted().toList(), boxIds(at, caseId));
        assertTrue(states.stream().anyMatch(s -> !s.online() && s.waiting() == 21), "the offline state was not told");
        assertTrue(states.get(states.size() - 1).online(), "the return was not told");
    }

    @Test
    void editsKeptOfflineSurviveAKilledWorkstation() throws Exception {
        PostgresLocation at = sharedProject(1);
        long caseId;
        try (PostgresProjectStore admin = PostgresProjectStore.open(at, true, Duration.ofSeconds(30))) {
            caseId = admin.cases().get(0).id();
        }
        Process child = ProjectChild.start("offline", at.toString(), String.valueOf(caseId));
        List<String> acknowledged = new java.util.ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            server.stop();
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            while (acknowledged.size() < 30) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("ack "), "the workstation stopped: " + line);
                acknowledged.add("kept-" + line.substring(4));
            }
            child.toHandle().destroyForcibly(); // SIGKILL: no close, no shutdown hook
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }
        server.start();
        try (PostgresProjectStore again = PostgresProjectStore.open(at, false, Duration.ofSeconds(30), Duration.ofMillis(200))) {
            waitFor(() -> again.sync().waiting() == 0, "the kept edits were not written after the restart");
            assertTrue(again.sync().conflicts().isEmpty(), again.sync().conflicts().toString());
        }
        List<String> onServer = boxIds(at, caseId);
        assertTrue(onServer.containsAll(acknowledged), "lost: " + acknowledged.stream().filter(a -> !onServer.contains(a)).toList());
    }

    @Test
    void aKeptEditThatNoLongerFitsIsAConflictNotAnOverwrite() throws Exception {
        PostgresLocation at = sharedProject(1);
        try (PostgresProjectStore a = PostgresProjectStore.open(at, false, Duration.ofMillis(900), Duration.ofHours(1))) {
            long caseId = a.cases().get(0).id();
            assertTrue(a.lease(caseId, "groundwork").mine());
            a.annotations(caseId);
            server.stop();
            a.apply(new Edit.DeleteBox(caseId, "seed-0-0"), "groundwork");
            a.apply(new Edit.PutBox(ProjectStoreTest.box("mine", caseId, 1)), "groundwork");
            Thread.sleep(1_200); // a's lease runs out while the server is away
            server.start();
            try (PostgresProjectStore b = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
                assertTrue(b.lease(caseId, "groundwork").mine(), "a's lease ran out");
                b.annotations(caseId);
                b.apply(new Edit.PutBox(ProjectStoreTest.box("theirs", caseId, 2)), "groundwork");
            }
            assertTrue(a.replayJournal());
            org.groundwork.annotate.core.project.SyncState state = a.sync();
            assertEquals(2, state.conflicts().size(), state.toString());
            assertTrue(state.conflicts().get(0).startsWith("DeleteBox of case " + caseId), state.conflicts().get(0));
            assertTrue(state.conflicts().get(0).contains("changed on another workstation"), state.conflicts().get(0));
            assertEquals(List.of("seed-0-0", "seed-0-1", "theirs"), boxIds(at, caseId), "nothing of a's was merged in");
            a.discardConflicts();
            assertTrue(a.sync().conflicts().isEmpty());
        }
    }

    @Test
    void aLeaseKeepsOthersOutAndAKilledHoldersLeaseRunsOut() throws Exception {
        PostgresLocation at = sharedProject(2);
        try (PostgresProjectStore b = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            long caseId = b.cases().get(0).id();
            long other = b.cases().get(1).id();
            Process holder = ProjectChild.start("lease", at.toString(), String.valueOf(caseId), "2000");
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("held", out.readLine());
                CaseLease refused = b.lease(caseId, "dr.b");
                assertFalse(refused.mine());
                assertEquals("dr.child", refused.holder());
                ProjectException e = assertThrows(ProjectException.class,
                        () -> b.apply(new Edit.PutBox(ProjectStoreTest.box("x", caseId, 1)), "dr.b"));
                assertTrue(e.getMessage().contains("being edited by dr.child"), e.getMessage());
                assertTrue(b.lease(other, "dr.b").mine(), "another case is free");
                Thread.sleep(3_000); // the child renews its 2 s lease every 0.7 s while it lives
                assertFalse(b.lease(caseId, "dr.b").mine(), "a live holder keeps the case");
                holder.toHandle().destroyForcibly();
                holder.waitFor();
                long killed = System.nanoTime();
                while (!b.lease(caseId, "dr.b").mine()) {
                    assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(20), "the lease did not run out");
                    Thread.sleep(100);
                }
                b.apply(new Edit.PutBox(ProjectStoreTest.box("x", caseId, 1)), "dr.b");
            } finally {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void anotherWorkstationHearsOfAnEditOnceAndNotOfItsOwn() throws Exception {
        PostgresLocation at = sharedProject(1);
        LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
        try (PostgresProjectStore a = PostgresProjectStore.open(at, false, Duration.ofSeconds(30));
             PostgresProjectStore b = PostgresProjectStore.open(at, false, Duration.ofSeconds(30));
             AutoCloseable watching = b.watch(heard::add)) {
            long caseId = a.cases().get(0).id();
            Thread.sleep(500); // the listener connects
            b.apply(new Edit.AddActiveTime(caseId, 1), "dr.b"); // its own edit is not news to it
            a.apply(new Edit.PutBox(ProjectStoreTest.box("news", caseId, 1)), "dr.a");
            // How soon it is heard is measured by `bench team`; a test on a loaded machine only waits for it.
            assertEquals(caseId, heard.poll(20, TimeUnit.SECONDS), "no notice of a's edit");
            assertEquals(null, heard.poll(300, TimeUnit.MILLISECONDS), "one notice per edit, none for b's own");
        }
    }

    @Test
    void aProjectMovesToTheServerAndBackUnchanged() throws Exception {
        Path folder = TestProjects.withOneCase(tmp);
        try (SqliteProjectStore local = SqliteProjectStore.open(folder, SqliteProjectStore.Mode.READ_WRITE)) {
            long caseId = local.cases().get(0).id();
            CaseEditor editor = new CaseEditor(local.annotations(caseId), e -> local.apply(e, "dr.a"));
            for (Edit e : answers(caseId).subList(0, 7)) {
                editor.apply(e);
            }
            local.modelShelf().add(ModelShelfStoreTest.model("m1", 1), new byte[] {1, 2, 3, (byte) 0x80}, true, null);
        }
        PostgresLocation at = server.createDatabase("moved");
        Path back = tmp.resolve("back");
        try (SqliteProjectStore local = SqliteProjectStore.open(folder, SqliteProjectStore.Mode.READ_ONLY);
             PostgresProjectStore shared = PostgresProjectStore.openOrCreate(at, local.protocol())) {
            List<ProjectTransfer.TableCheck> there = ProjectTransfer.copy(local, shared);
            assertEquals(1, there.stream().filter(t -> t.table().equals("cases")).findFirst().orElseThrow().rows());
            try (SqliteProjectStore home = SqliteProjectStore.openOrCreate(back)) {
                assertEquals(there, ProjectTransfer.copy(shared, home));
            }
            long caseId = local.cases().get(0).id();
            assertEquals(local.annotations(caseId), shared.annotations(caseId));
            assertEquals(local.imageFiles(caseId), shared.imageFiles(caseId));
            assertEquals(local.modelShelf().list(), shared.modelShelf().list());
            assertArrayEquals(new byte[] {1, 2, 3, (byte) 0x80}, shared.modelShelf().files("m1"));
        }
        try (SqliteProjectStore local = SqliteProjectStore.open(folder, SqliteProjectStore.Mode.READ_ONLY);
             SqliteProjectStore home = SqliteProjectStore.open(back, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(local.annotations(), home.annotations());
            assertEquals(local.pseudonymSecret(), home.pseudonymSecret());
            assertEquals(local.protocol().json(), home.protocol().json());
        }
        try (PostgresProjectStore shared = PostgresProjectStore.open(at, false, Duration.ofSeconds(30))) {
            ProjectException full = assertThrows(ProjectException.class, () -> {
                try (SqliteProjectStore local = SqliteProjectStore.open(folder, SqliteProjectStore.Mode.READ_ONLY)) {
                    ProjectTransfer.copy(local, shared);
                }
            });
            assertTrue(full.getMessage().contains("only into an empty one"), full.getMessage());
            // New cases on the server continue after the moved ids.
            try (Connection c = server.admin("moved"); Statement s = c.createStatement()) {
                s.execute("INSERT INTO cases(case_key, label) VALUES ('new', 'New case')");
            }
            assertNotEquals(shared.cases().get(0).id(), shared.cases().get(1).id());
        }
    }

    @Test
    void aDamagedCopyIsNamedByItsTable() throws Exception {
        PostgresLocation at = sharedProject(2);
        try (Connection c = server.admin(at.database()); Statement s = c.createStatement()) {
            s.execute("UPDATE boxes SET min_i = min_i + 1 WHERE id = 'seed-1-0'");
            List<String> columns = List.of("id", "case_id", "min_i");
            ProjectTransfer.TableCheck changed = ProjectTransfer.checksum(c, "boxes", columns);
            s.execute("UPDATE boxes SET min_i = min_i - 1 WHERE id = 'seed-1-0'");
            assertNotEquals(changed, ProjectTransfer.checksum(c, "boxes", columns), "the checksum sees one changed number");
        }
    }

    @Test
    void aProjectAddressAskingForTlsGetsAnEncryptedConnection() throws Exception {
        PostgresLocation plain = sharedProject(1);
        PostgresLocation tls = PostgresLocation.parse(plain + "?sslmode=require");
        assertEquals("require", tls.options().get("sslmode"));
        try (PostgresProjectStore store = PostgresProjectStore.open(tls, true, Duration.ofSeconds(30))) {
            assertEquals(1, store.cases().size());
        }
        String password = Files.readString(server.passwordFile()).strip().replaceFirst(".*:", "");
        PostgresLocation disabled = PostgresLocation.parse(plain + "?sslmode=disable");
        for (PostgresLocation at : List.of(tls, disabled)) {
            try (Connection c = java.sql.DriverManager.getConnection(at.jdbcUrl(), PostgresServer.ADMIN, password);
                 Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                rs.next();
                assertEquals(at == tls, rs.getBoolean(1), at.jdbcUrl());
            }
        }
    }

    @Test
    void aWrongPasswordOrAStoppedServerIsSaidPlainly() throws Exception {
        PostgresLocation at = sharedProject(1);
        Path wrong = tmp.resolve("wrong-pgpass");
        Files.writeString(wrong, "*:*:*:*:not-the-password-42\n");
        System.setProperty("groundwork.pgpass", wrong.toString());
        try {
            ProjectException e = assertThrows(ProjectException.class,
                    () -> PostgresProjectStore.open(at, false, Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("refused the sign-in of groundwork"), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-password-42"));
        } finally {
            System.setProperty("groundwork.pgpass", server.passwordFile().toString());
        }
        PostgresLocation nowhere = PostgresLocation.parse("postgresql://groundwork@127.0.0.1:1/" + at.database());
        ProjectException down = assertThrows(ProjectException.class,
                () -> PostgresProjectStore.open(nowhere, false, Duration.ofSeconds(30)));
        assertTrue(down.getMessage().contains("cannot reach the server at 127.0.0.1:1"), down.getMessage());
    }
}
