package org.groundwork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.groundwork.dataset.export.ExportFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code groundwork export} as a user runs it. */
class ExportCommandTest extends CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void exportsEveryFormatAndReportsWhatItLeftOut() throws Exception {
        Path project = ExportFixtures.project(dir);
        Path dataset = dir.resolve("knee-dataset");
        assertEquals(0, run("export", project.toString(), "--format", "all", "--out", dataset.toString(),
                "--split", "0.6,0.2,0.2", "--only-complete"));
        assertTrue(out.toString().contains("exported 4 case(s) of 3 patient(s): 5 record(s)"), out.toString());
        assertTrue(out.toString().contains("question(s) incomplete (left out)"), out.toString());
        assertTrue(Files.isRegularFile(dataset.resolve("quintuples.jsonl")));
        assertTrue(Files.isRegularFile(dataset.resolve("dataset.json")));
        assertTrue(Files.isRegularFile(dataset.resolve("sft-llava.json")));

        assertEquals(2, run("export", project.toString(), "--out", dataset.toString()));
        assertTrue(err.toString().startsWith("error: " + dataset + ": is not empty"), err.toString());
        assertEquals(2, run("export", project.toString(), "--format", "dicom", "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("unknown format \"dicom\""), err.toString());
        assertEquals(2, run("export", project.toString(), "--split", "0.5,0.5,0.5", "--out", dir.resolve("y").toString()));
        assertTrue(err.toString().contains("sum to 1"), err.toString());
        assertEquals(2, run("export", dir.resolve("nothing").toString(), "--out", dir.resolve("z").toString()));
    }

    @Test
    void theExportBenchmarkRuns() {
        assertEquals(0, run("bench", "export", "--cases", "3", "--questions", "4", "--dir", dir.resolve("bench").toString()));
        assertTrue(out.toString().contains("run 3: 12 quintuples of 3 cases"), out.toString());
    }
}
