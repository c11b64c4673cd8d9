package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import}, {@code status} and {@code restore} as a user runs them. */
class ProjectCommandsTest extends CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void importTwiceThenStatus() throws Exception {
        Path data = dir.resolve("data");
        SyntheticSeries.write(data.resolve("a"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.1", 4, 4, 3,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        SyntheticSeries.write(data.resolve("b"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.2", 4, 4, 2,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        Files.writeString(data.resolve("notes.txt"), "x");
        Path project = dir.resolve("project");

        assertEquals(0, run("import", project.toString(), data.toString()));
        assertTrue(out.toString().contains("imported 2 new case(s) with 2 image(s)"), out.toString());
        assertTrue(out.toString().contains("unreadable: " + data.resolve("notes.txt")), out.toString());
        assertTrue(out.toString().contains("read (DICOM series \"Synthetic knee\"): 3 file(s) in " + data.resolve("a")
                + ": IM0001.dcm, IM0002.dcm, IM0003.dcm"), "every file read is named: " + out);

        assertEquals(0, run("import", project.toString(), data.toString()));
        assertTrue(out.toString().contains("imported 0 new case(s) with 0 image(s); 2 image(s) were already"), out.toString());

        assertEquals(0, run("status", project.toString()));
        assertTrue(out.toString().contains("2 case(s), 0 box(es)"), out.toString());
        assertTrue(out.toString().contains("todo          2"), out.toString());
        assertTrue(out.toString().contains("(knee-mri, version 1)"), "the default protocol: " + out);

        Path moved = dir.resolve("moved");
        Files.move(data, moved);
        assertEquals(0, run("status", project.toString()));
        assertTrue(out.toString().contains("5 missing (moved?"), out.toString());
        assertEquals(0, run("relocate", project.toString(), data.toString(), moved.toString()));
        assertTrue(out.toString().contains(moved + ": 5 file(s), 0 missing"), out.toString());
    }

    @Test
    void aNewProjectTakesTheProtocolNamedOnTheCommandLine() throws Exception {
        Path data = dir.resolve("data");
        SyntheticSeries.write(data, DicomFileBuilder.EXPLICIT_LE, "1.2.3.1", 4, 4, 3,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        Path bad = dir.resolve("bad.protocol.json");
        Files.writeString(bad, "{\"format\": \"groundwork-protocol/1\", \"id\": \"x\"}");
        assertEquals(2, run("import", dir.resolve("p1").toString(), data.toString(), "--protocol", bad.toString()));
        assertTrue(err.toString().contains("bad.protocol.json: at $.name: is missing"), err.toString());
        assertTrue(Files.notExists(dir.resolve("p1")), "no project is made with a broken protocol");
        assertEquals(0, run("import", dir.resolve("p2").toString(), data.toString(), "--protocol", "generic-findings"));
        assertEquals(0, run("status", dir.resolve("p2").toString()));
        assertTrue(out.toString().contains("protocol: Generic findings (generic-findings, version 1)"), out.toString());
    }

    @Test
    void importIntoAProjectOpenElsewhereIsRefusedWithWhoHasIt() throws Exception {
        Path project = dir.resolve("project");
        try (SqliteProjectStore open = SqliteProjectStore.openOrCreate(project)) {
            assertEquals(2, run("import", project.toString(), dir.toString()));
            assertTrue(err.toString().contains("open in another Groundwork window"), err.toString());
            assertEquals(0, run("status", project.toString()), "status reads while the project is open");
        }
    }

    @Test
    void statusAndRestoreOfSomethingThatIsNoProject() {
        assertEquals(2, run("status", dir.toString()));
        assertTrue(err.toString().contains("is not a Groundwork project"), err.toString());
        assertEquals(2, run("restore", dir.toString()));
        assertTrue(err.toString().contains("no backup"), err.toString());
    }
}
