package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.input.MouseButton;
import org.groundwork.dataset.agreement.ReaderAgreement;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.dicom.DicomSeriesWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Project → Agreement between Readers on the demo read a second time by another reader. */
@Tag("fx")
class AgreementWindowTest extends WorkstationTest {
    private static final Provenance SECOND = Provenance.human("dr.second", Instant.parse("2026-11-30T10:00:00Z"));

    @Test
    void regionsAndFieldsShowTheAgreementOfTwoReadersAndListTheirCases() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        Path project = DemoProject.ensure(tmp.resolve("demo"), LoadMonitor.NONE);
        ReaderAgreement expected;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            // A second reader reads the two example knees again: the same boxes on the first (IoU 1), boxes moved
            // by their own width on the second (IoU 0); grades the same on the first, one step up on the second.
            for (int knee = 1; knee <= 2; knee++) {
                String series = DicomSeriesWriter.uid("groundwork-demo-series-" + knee);
                long caseId = store.cases().stream().filter(c -> c.seriesUid().equals(series)).findFirst().orElseThrow().id();
                readAgain(store, store.annotations(caseId), knee == 2);
            }
            expected = ReaderAgreement.of(store.protocol(), store.annotations().values());
        }
        assertTrue(expected.regions().size() >= 5, "the example readings box five regions: " + expected.regions());

        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
        robot.clickOn("Project").clickOn("Agreement between Readers…");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#agreementView").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Node view = robot.lookup("#agreementView").query();

        List<List<String>> regionRows = rows(view, "#agreementRegions");
        assertEquals(expected.regions().size(), regionRows.size(), regionRows.toString());
        for (List<String> row : regionRows) {
            // Region, pairs, cases, mean IoU with its interval, median, Dice: one pair at IoU 1 and one at 0 each.
            assertEquals(List.of("2", "2"), row.subList(1, 3), row.toString());
            assertTrue(row.get(3).startsWith("0.50 (0.00 to 1.00)"), row.toString());
            assertEquals(List.of("0.50", "0.50"), row.subList(4, 6), row.toString());
        }
        ListView<?> cases = robot.from(view).lookup("#agreementCases").queryAs(ListView.class);
        assertEquals(2, cases.getItems().size(), "the first region is chosen and its two cases listed");
        List<String> caseLines = robot.from(cases).lookup(".list-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).filter(t -> t != null).toList();
        assertEquals(2, caseLines.size(), caseLines.toString());
        assertTrue(caseLines.stream().allMatch(t -> t.matches("Case \\d+ · .+")), caseLines.toString());
        Screenshots.write(view.getScene(), "agreement");

        robot.clickOn(robot.from(view).lookup(".tab").nth(1).queryAs(Node.class)); // the Grades tab
        WaitForAsyncUtils.waitForFxEvents();
        List<List<String>> fieldRows = rows(view, "#agreementFields");
        assertEquals(expected.fields().size(), fieldRows.size(), fieldRows.toString());
        for (ReaderAgreement.FieldAgreement f : expected.fields()) {
            String shown = f.field() + (f.nominal() ? " (nominal)" : "");
            List<String> row = fieldRows.stream().filter(r -> r.get(0).equals(shown)).findFirst().orElseThrow();
            assertEquals(List.of(String.valueOf(f.pairs()), "2", String.format(java.util.Locale.ROOT, "%.1f%%",
                    f.percentAgreement().value()), f.kappa().format(), f.linearKappa().format(), f.quadraticKappa().format()),
                    row.subList(1, 7), row.toString());
        }
        Screenshots.write(view.getScene(), "agreement-grades");

        // A double click on a case behind a row opens it in the workstation.
        robot.clickOn(robot.from(view).lookup("#agreementFields .table-row-cell").nth(0).queryAs(Node.class));
        Node firstCase = robot.from(view).lookup("#agreementCases .list-cell").nth(1).query();
        String label = ((Labeled) firstCase).getText().replaceFirst("^Case \\d+ · ", "");
        robot.doubleClickOn(firstCase, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.mainWindow().workspace().openCaseProperty().get() != null
                && app.mainWindow().workspace().openCaseProperty().get().label().equals(label));
    }

    /** The second reader's answers: every box, question and grade of the first, moved and changed as asked. */
    private static void readAgain(SqliteProjectStore store, CaseAnnotations first, boolean disagree) throws Exception {
        long caseId = first.caseId();
        for (Box b : first.boxes()) {
            int[] min = b.min().clone();
            int[] max = b.max().clone();
            if (disagree) {
                int width = max[0] - min[0];
                min[0] += width;
                max[0] += width;
            }
            store.apply(new Edit.PutBox(new Box(b.id() + "-second", caseId, b.regionId(), null, min, max, SECOND)),
                    SECOND.author());
        }
        for (Question q : first.questions()) {
            String id = q.id() + "-second";
            store.apply(new Edit.PutQuestion(new Question(id, caseId, q.regionId(), q.templateId(), q.text(), SECOND)),
                    SECOND.author());
            for (Grade g : first.grades(q.id()).values()) {
                int value = disagree && g.value() < 3 ? g.value() + 1 : g.value();
                store.apply(new Edit.SetGrade(caseId, new Grade(id, g.field(), value, SECOND)), SECOND.author());
            }
        }
    }

    /** A table's rows as the user reads them, cell by cell. */
    private List<List<String>> rows(Node view, String table) {
        return robot.from(view).lookup(table + " .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getItem() != null)
                .map(row -> robot.from(row).lookup(".table-cell").queryAllAs(Labeled.class).stream()
                        .map(Labeled::getText).toList())
                .toList();
    }
}
