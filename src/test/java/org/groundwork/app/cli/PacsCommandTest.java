package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.storage.dicomweb.OrthancServer;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code groundwork pacs search|import}: against a real Orthanc, and with a server that is not there. */
class PacsCommandTest extends CommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void anUnreachableServerIsBadInputAndThePasswordIsNotPrinted() throws Exception {
        Path password = Files.writeString(tmp.resolve("password"), "hunter2-secret\n");
        assertEquals(2, run("pacs", "search", "http://127.0.0.1:1/dicom-web", "--user", "reader", "--password-file",
                password.toString()));
        assertTrue(err.toString().startsWith("error: http://127.0.0.1:1/dicom-web: searching studies: cannot connect"),
                err.toString());
        assertFalse(err.toString().contains("hunter2") || out.toString().contains("hunter2"));
        assertEquals(2, run("pacs", "search", "ftp://pacs/dicom-web"));
        assertTrue(err.toString().contains("not an http or https address"), err.toString());
    }

    @Tag("servers")
    @Test
    void aStudyIsFoundAndItsSeriesImportedAsACase() throws Exception {
        assumeTrue(OrthancServer.installed(), "Debian's orthanc and orthanc-dicomweb are not installed");
        try (OrthancServer orthanc = new OrthancServer(Files.createDirectories(tmp.resolve("orthanc")))) {
            for (Path f : SyntheticSeries.write(tmp.resolve("upload"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.91", 24, 20, 6,
                    new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 2})) {
                orthanc.upload(f);
            }
            Path password = Files.writeString(tmp.resolve("password"), OrthancServer.PASSWORD);
            String url = orthanc.dicomWebRoot().toString();
            assertEquals(0, run("pacs", "search", url, "--user", OrthancServer.USER, "--password-file", password.toString(),
                    "--patient", "P0*", "--series"), err.toString());
            String listing = out.toString();
            assertTrue(listing.startsWith("1 study on " + url), listing);
            assertTrue(listing.contains("  series 1.2.3.91  #0 MR"), listing);
            assertFalse(listing.contains(OrthancServer.PASSWORD));
            String study = listing.lines().filter(l -> l.startsWith("study ")).findFirst().orElseThrow().split(" +")[1];

            Path project = tmp.resolve("project");
            assertEquals(0, run("pacs", "import", url, project.toString(), "--study", study, "--user",
                    OrthancServer.USER, "--password-file", password.toString(), "--cache", tmp.resolve("cache").toString()),
                    err.toString());
            assertTrue(out.toString().startsWith("imported 1 series from " + url + " as 1 new case(s)"), out.toString());
            try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
                long caseId = store.cases().get(0).id();
                assertEquals(List.of(new ProjectStore.RemoteSeries(url, study, "1.2.3.91")), store.remoteSeries(caseId));
                assertEquals(6, store.imageFiles(caseId).size());
            }
            assertEquals(2, run("pacs", "import", url, project.toString(), "--study", study, "--series", "9.9.9",
                    "--user", OrthancServer.USER, "--password-file", password.toString()));
            assertTrue(err.toString().contains("has no series 9.9.9"), err.toString());
        }
    }
}
