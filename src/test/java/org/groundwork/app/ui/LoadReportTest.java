package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.stage.Window;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.NiftiBomb;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** A folder of good images, decompression bombs and junk: the window stays usable and names every file. */
@Tag("fx")
class LoadReportTest extends WorkstationTest {
    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start();
    }

    @Test
    void bombsAndJunkAreListedWithTheirReasonsBesideTheSeriesThatOpened() throws Exception {
        Path folder = tmp.resolve("mixed");
        List<Path> good = SyntheticSeries.write(folder.resolve("series"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.70", 32, 24, 6,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 2});
        Files.write(folder.resolve("nested-bomb.dcm"), SyntheticSeries.slice(DicomFileBuilder.DEFLATED_LE, "1.2.3.71", 8, 6, 0,
                        new double[] {0, 0, 0}, SyntheticSeries.AXIAL, 1, 1)
                .sequence(0x00291010, false, new DicomFileBuilder(DicomFileBuilder.EXPLICIT_LE)
                        .rawValue(0x00291020, "OB", new byte[80 << 20]))
                .build());
        NiftiBomb.write(folder.resolve("bomb4d.nii.gz"), NiftiBomb.timePointsBeyondTheHeap());
        byte[] noise = new byte[3000];
        new Random(3).nextBytes(noise);
        Files.write(folder.resolve("junk.dcm"), noise);

        RunningApp.await(RunningApp.onFx(() -> app.mainWindow().imageActions().open(List.of(folder))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#loadReport").tryQuery().isPresent());
        Node report = robot.lookup("#loadReport").query();
        Labeled summary = robot.from(report).lookup("#loadReportSummary").queryAs(Labeled.class);
        assertEquals("9 file(s): 6 read, 3 unreadable, 0 skipped, in " + folder, summary.getText());

        Map<String, String> shown = visibleRows(report);
        assertEquals(9, shown.size(), shown.toString());
        good.forEach(f -> assertEquals("read | volume 1", shown.get("series/" + f.getFileName()), f.toString()));
        assertTrue(shown.get("nested-bomb.dcm").startsWith("unreadable | its attributes inflate to more than 64 MB"),
                shown.toString());
        assertTrue(shown.get("bomb4d.nii.gz").startsWith("unreadable | the image needs "), shown.toString());
        assertTrue(shown.get("junk.dcm").startsWith("unreadable | not a DICOM file"), shown.toString());
        // Refused files come first, and the first is chosen: its whole reason shows below the table.
        Labeled whole = robot.from(report).lookup("#loadReportSelected").queryAs(Labeled.class);
        assertTrue(whole.getText().startsWith(folder.resolve("bomb4d.nii.gz") + "\nunreadable: the image needs "),
                whole.getText());
        assertTrue(whole.getText().endsWith("(GROUNDWORK_JAVA_OPTS=-XX:MaxRAMPercentage=70)"), whole.getText());
        Window reportWindow = report.getScene().getWindow();
        Screenshots.write(report.getScene(), "load-report");

        // The series that could be read is on screen, and the window still answers.
        assertEquals(32, app.mainWindow().viewer().volumeProperty().get().nx());
        robot.clickOn("#loadReportClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(reportWindow.isShowing());
        robot.interact(() -> app.mainWindow().stage().requestFocus());
        robot.press(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.L, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(reportWindow.isShowing(), "File → Load Report shows the last report again");
    }

    /** The report's rows as the user reads them: file → "outcome | detail", from the cells on screen. */
    private Map<String, String> visibleRows(Node report) {
        return robot.from(report).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() != null && row.isVisible())
                .map(row -> robot.from(row).lookup(".table-cell").queryAllAs(Labeled.class).stream()
                        .map(Labeled::getText).toList())
                .collect(Collectors.toMap(cells -> cells.get(1), cells -> cells.get(0) + " | " + cells.get(2)));
    }
}
