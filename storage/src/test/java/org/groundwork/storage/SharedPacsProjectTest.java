package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.storage.dicomweb.DicomWebClient;
import org.groundwork.storage.dicomweb.OrthancServer;
import org.groundwork.storage.dicomweb.PacsCache;
import org.groundwork.storage.dicomweb.PacsImport;
import org.groundwork.storage.dicomweb.PacsSeries;
import org.groundwork.storage.dicomweb.PacsServer;
import org.groundwork.storage.dicomweb.StudyQuery;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workstations, two processes, one project on PostgreSQL with its cases from Orthanc: each
 * gets the images into its own cache without changing the project for it, both annotate at once,
 * the server is stopped and started in the middle, and every acknowledged edit is on it afterwards.
 */
@Tag("servers")
class SharedPacsProjectTest {
    @TempDir
    Path tmp;

    @Test
    void twoWorkstationsAnnotateCasesFromThePacsThroughAServerRestart() throws Exception {
        assumeTrue(PostgresServer.installed() && OrthancServer.installed(), "PostgreSQL 15 and Orthanc are needed");
        try (PostgresServer postgres = new PostgresServer();
             OrthancServer orthanc = new OrthancServer(Files.createDirectories(tmp.resolve("orthanc")))) {
            System.setProperty("groundwork.pgpass", postgres.passwordFile().toString());
            System.setProperty("groundwork.journal", tmp.resolve("journal-first").toString());
            for (String uid : List.of("1.2.3.71", "1.2.3.72")) {
                for (Path f : SyntheticSeries.write(tmp.resolve("upload-" + uid), DicomFileBuilder.EXPLICIT_LE, uid, 24, 20,
                        6, new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 2})) {
                    orthanc.upload(f);
                }
            }
            DicomWebClient client = new DicomWebClient(new PacsServer(orthanc.dicomWebRoot(),
                    new PacsServer.Basic(OrthancServer.USER, OrthancServer.PASSWORD)));
            List<PacsSeries> series = new java.util.ArrayList<>();
            for (var study : client.searchStudies(StudyQuery.ALL)) {
                series.addAll(client.searchSeries(study.studyUid()));
            }
            assertEquals(2, series.size());
            PostgresLocation at = postgres.createDatabase("team");
            PacsCache firstCache = new PacsCache(tmp.resolve("cache-first"), PacsCache.DEFAULT_LIMIT);
            try (PostgresProjectStore first = PostgresProjectStore.open(at, false, Duration.ofSeconds(30),
                    Duration.ofMillis(200))) {
                List<Long> cases = PacsImport.importSeries(first, client, firstCache, series, LoadMonitor.NONE).cases();
                assertEquals(2, cases.size());
                long mine = cases.get(0);
                long theirs = cases.get(1);
                assertTrue(first.lease(mine, "groundwork").mine());
                first.annotations(mine);

                Process second = ProjectChild.start("pacs", at.toString(), String.valueOf(theirs),
                        orthanc.dicomWebRoot().toString(), OrthancServer.USER, OrthancServer.PASSWORD,
                        tmp.resolve("cache-second").toString());
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(second.getInputStream(),
                            StandardCharsets.UTF_8));
                    assertEquals("ready 6", out.readLine(), "the second workstation has the six images in its cache");
                    assertTrue(PacsImport.localFiles(first, theirs, firstCache).stream().allMatch(Files::isRegularFile),
                            "the first workstation still finds its own copy: the project was not re-pointed");
                    second.getOutputStream().write('\n');
                    second.getOutputStream().flush();
                    for (int n = 0; n < 30; n++) {
                        if (n == 10) {
                            postgres.stop();
                        } else if (n == 20) {
                            postgres.start();
                        }
                        first.apply(new Edit.PutBox(ProjectStoreTest.box("first-" + n, mine, n % 10)), "groundwork");
                        Thread.sleep(100);
                    }
                    String line;
                    do {
                        line = out.readLine();
                    } while (line != null && line.startsWith("ack "));
                    assertEquals("done", line);
                    assertEquals(0, second.waitFor());
                } finally {
                    second.destroyForcibly();
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (first.sync().waiting() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(first.sync().conflicts().isEmpty(), first.sync().conflicts().toString());
            }
            try (PostgresProjectStore check = PostgresProjectStore.open(at, true, Duration.ofSeconds(30))) {
                var all = check.annotations();
                assertEquals(30, boxesStartingWith(all.values(), "first-"));
                assertEquals(30, boxesStartingWith(all.values(), "second-"));
            }
        } finally {
            System.clearProperty("groundwork.pgpass");
            System.clearProperty("groundwork.journal");
        }
    }

    private static long boxesStartingWith(java.util.Collection<org.groundwork.annotate.core.project.CaseAnnotations> all,
                                          String prefix) {
        return all.stream().flatMap(a -> a.boxes().stream()).map(Box::id).filter(id -> id.startsWith(prefix)).count();
    }
}
