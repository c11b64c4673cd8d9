package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.Readings;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.app.CurrentUser;
import org.groundwork.app.GroundworkApp;
import org.groundwork.app.cli.GroundworkCommand;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two readers read a demo knee blind on one workstation, switching reader; an adjudicator resolves
 * their disagreement; the agreement view and the exported dataset card show how they agreed.
 */
@Tag("fx")
class ReadersWindowTest {
    private final FxRobot robot = new FxRobot();
    private GroundworkApp app;

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        RunningApp.forgetDemo();
        CurrentUser.readAs(null);
        WindowLayoutStore.preferences("reading").remove("reader"); // the next test starts as the login name again
    }

    @Test
    void twoBlindReadersAnAdjudicatorAndTheAgreementTheyReach() throws Exception {
        MainWindow w = demoReadBlindByTwo();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#worklistList").queryAs(ListView.class)
                .getItems().size() == 6 && !w.worklist().shownCases().isEmpty() && workistText().contains("readers: dr.a"));
        CaseRecord third = w.worklist().shownCases().get(2);
        // A case dealt by hand (Project → Readers of This Case…).
        CaseRecord fourth = w.worklist().shownCases().get(3);
        RunningApp.await(RunningApp.onFx(() -> w.reading().assign(fourth.id(), List.of("dr.c"))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> workistText().contains(fourth.id() + "  " + fourth.label())
                && workistText().split(fourth.id() + "  " + fourth.label())[1].lines().skip(2).findFirst()
                        .orElse("").strip().equals("readers: dr.c 0%"));

        // dr.a reads the third knee.
        read("dr.a", third, new int[] {20, 20, 10}, new int[] {40, 40, 20}, 2);
        assertTrue(questionsOnScreen().contains("dr.a's cartilage question"), questionsOnScreen().toString());

        // dr.b, on the same workstation, sees none of it: blind.
        switchTo("dr.b", third);
        assertTrue(w.workspace().editor().current().questions().isEmpty(), "no answer of dr.a in dr.b's case");
        assertFalse(questionsOnScreen().contains("dr.a's cartilage question"), questionsOnScreen().toString());
        read("dr.b", third, new int[] {30, 20, 10}, new int[] {50, 40, 20}, 1);
        assertEquals(List.of("dr.b's cartilage question"), questionsOnScreen());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> workistText().contains("readers: dr.a 100% · dr.b 100%"));

        // The adjudicator sees both readings side by side, the disagreement marked, and makes the consensus.
        switchTo("dr.adj", third);
        WaitForAsyncUtils.asyncFx(() -> w.reading().adjudicate());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#adjudicationItem-q20").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Node view = robot.lookup("#adjudicationView").query();
        String summary = robot.from(view).lookup("#adjudicationSummary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("Case " + third.id() + ": 1 question(s) answered by dr.a, dr.b; 1 with disagreements"),
                summary);
        Labeled size = robot.from(view).lookup(".label").queryAllAs(Labeled.class).stream()
                .filter(l -> "Size of lesion".equals(l.getText())).findFirst().orElseThrow();
        assertTrue(size.getStyle().contains("#d04020"), "the grade in dispute is marked: " + size.getStyle());
        assertTrue(questionsOnScreen().containsAll(List.of("dr.a's cartilage question", "dr.b's cartilage question")),
                "the adjudicator sees every reading: " + questionsOnScreen());
        ComboBox<?> boxChoice = robot.from(view).lookup("#boxChoice-q20").queryAs(ComboBox.class);
        robot.interact(() -> boxChoice.getSelectionModel().select(boxChoice.getItems().indexOf("union")));
        Screenshots.write(view.getScene(), "adjudication");
        Screenshots.write(w.stage().getScene(), "adjudication-main-window");
        robot.clickOn("#saveConsensus-q20");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "consensus saved".equals(
                robot.lookup("#consensusState-q20").queryAs(Label.class).getText()));
        CaseAnnotations consensus = w.workspace().editor().current().readBy(Readings.CONSENSUS);
        // One edit: Undo takes the whole consensus back, Redo brings it again.
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> w.workspace().undo()));
        assertTrue(w.workspace().editor().current().readBy(Readings.CONSENSUS).questions().isEmpty(), "undone whole");
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> w.workspace().redo()));
        assertEquals(consensus.questions().size(), w.workspace().editor().current().readBy(Readings.CONSENSUS).questions().size());
        Box union = consensus.boxes().get(0);
        assertArrayEquals(new int[] {20, 20, 10}, union.min());
        assertArrayEquals(new int[] {50, 40, 20}, union.max());
        robot.clickOn("#finishAdjudication");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !w.workspace().adjudicatingProperty().get());

        // The agreement view: the two readers' boxes (IoU 1/3) and grades, and each against the consensus.
        WaitForAsyncUtils.asyncFx(() -> w.agreement().show(w.stage()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#agreementView").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Node agreement = robot.lookup("#agreementView").query();
        List<String> femur = robot.from(agreement).lookup("#agreementRegions .table-row-cell").queryAllAs(
                javafx.scene.control.TableRow.class).stream().filter(r -> r.getItem() != null)
                .map(r -> robot.from(r).lookup(".table-cell").queryAllAs(Labeled.class).stream().map(Labeled::getText).toList())
                .filter(cells -> cells.get(0).startsWith("Femur, medial central")).findFirst().orElseThrow();
        assertEquals(List.of("1", "1", "0.33"), List.of(femur.get(1), femur.get(2), femur.get(3)), femur.toString());
        robot.clickOn(robot.from(agreement).lookup(".tab").nth(2).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> versus = robot.from(agreement).lookup("#agreementVersusConsensus .table-row-cell .table-cell")
                .queryAllAs(Labeled.class).stream().map(Labeled::getText).filter(t -> t != null).toList();
        assertTrue(versus.containsAll(List.of("dr.a", "dr.b")), versus.toString());
        Screenshots.write(agreement.getScene(), "agreement-versus-consensus");

        // The consensus exported: the union box, and the card's agreement tables.
        Path dataset = tmp.resolve("dataset");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, GroundworkCommand.execute(new PrintWriter(out), new PrintWriter(err), "export",
                DemoProject.project(tmp.resolve("demo")).toString(), "--out", dataset.toString(), "--readings", "consensus"),
                err.toString());
        String card = Files.readString(dataset.resolve("README.md"));
        assertTrue(card.contains("| Femur, medial central (weight-bearing) | 1 | 1 | 0.33 | 0.33 | 0.50 |"), card);
        assertTrue(card.contains("| Size of lesion | 1 | 1 | 0.0% |"), card);
        assertTrue(card.contains("| against the consensus |"), card);
        String records = Files.readString(dataset.resolve("quintuples.jsonl"));
        assertTrue(records.contains("\"voxel_min\":[20,20,10],\"voxel_max\":[50,40,20]"), "the consensus box is exported");
        assertFalse(records.contains("dr.a's cartilage question"), "only the consensus of an adjudicated case");
    }

    private String workistText() {
        return robot.lookup("#worklistList .list-cell").queryAllAs(Labeled.class).stream().map(Labeled::getText)
                .filter(t -> t != null).reduce("", (a, b) -> a + "\n" + b);
    }

    /** The question texts the annotation pane lists, as shown. */
    private List<String> questionsOnScreen() {
        WaitForAsyncUtils.waitForFxEvents();
        // Each row reads "✓ Region: question text".
        return robot.lookup("#questionList .list-cell .label").queryAllAs(Labeled.class).stream().map(Labeled::getText)
                .filter(t -> t != null && t.contains(": ")).map(t -> t.substring(t.lastIndexOf(": ") + 2)).sorted().toList();
    }

    @Test
    void aBlindReaderSeesOnlyTheModelProposalsMadeForThemNotAnotherReaders() throws Exception {
        MainWindow w = demoReadBlindByTwo();
        // Project → Reading Setup… shows the setup just saved.
        WaitForAsyncUtils.asyncFx(() -> w.reading().chooseSetup());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#readingSetupDialog").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.DialogPane setup = robot.lookup("#readingSetupDialog").queryAs(javafx.scene.control.DialogPane.class);
        String readers = robot.from(setup).lookup("#setupReaders").queryAs(javafx.scene.control.TextField.class).getText();
        assertTrue(readers.startsWith("dr.a, dr.b"), readers);
        assertEquals("2", robot.from(setup).lookup("#setupPerCase .text-field")
                .queryAs(javafx.scene.control.TextField.class).getText());
        assertTrue(robot.from(setup).lookup("#setupBlind").queryAs(javafx.scene.control.CheckBox.class).isSelected());
        robot.interact(() -> ((javafx.scene.control.Button) setup.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#readingSetupDialog").tryQuery().isEmpty());

        CaseRecord third = w.worklist().shownCases().get(2);
        switchTo("dr.a", third);
        robot.push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.G);
        var proposals = w.assistActions().proposals();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !proposals.pending().isEmpty());
        org.groundwork.annotate.core.project.Suggestion acl = proposals.pending().stream()
                .filter(s -> s.regionId().equals("acl")).findFirst().orElseThrow();
        assertEquals("dr.a", acl.reader());
        var sagittal = w.viewer().view(org.groundwork.viewer.core.render.Plane.SAGITTAL);
        String aclColour = org.groundwork.annotate.core.protocol.ProtocolReader.builtIn("knee-mri").regions().stream()
                .filter(r -> r.id().equals("acl")).findFirst().orElseThrow().colour();
        RunningApp.centreOn(app, acl.min(), acl.max());
        assertTrue(Screenshots.pixels(sagittal, aclColour) > 0, "dr.a sees the ACL proposal made for them");

        switchTo("dr.b", third);
        RunningApp.centreOn(app, acl.min(), acl.max());
        assertTrue(proposals.pending().isEmpty(), "dr.a's proposals are part of dr.a's reading");
        assertEquals(0, Screenshots.pixels(sagittal, aclColour), "nothing of dr.a's ACL proposal is drawn for dr.b");
    }

    /** The demo, each case dealt to dr.a and dr.b, who read blind. */
    private MainWindow demoReadBlindByTwo() throws Exception {
        RunningApp.useDemoIn(tmp.resolve("demo"), true);
        app = RunningApp.start();
        RunningApp.openDemo(app, 60);
        MainWindow w = app.mainWindow();
        RunningApp.await(RunningApp.onFx(() -> w.reading().apply(new ReadingActions.Setup(List.of("dr.a", "dr.b"), 2, true, true))));
        return w;
    }

    private void switchTo(String reader, CaseRecord c) throws Exception {
        MainWindow w = app.mainWindow();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> w.reading().readAs(reader)));
        RunningApp.await(RunningApp.onFx(() -> w.workspace().open(c)));
        RunningApp.waitForOpenCase(app, 30);
    }

    /** One reader's complete answer to the cartilage question: question, box, step, grades, as the pane makes them. */
    private void read(String reader, CaseRecord c, int[] min, int[] max, int size) throws Exception {
        switchTo(reader, c);
        CaseEditor editor = app.mainWindow().workspace().editor();
        Provenance by = Provenance.human(reader, Instant.now());
        String q = reader + "-q20";
        List<Edit> edits = List.of(
                new Edit.PutQuestion(new Question(q, c.id(), "femur-medial-central", "q20", reader + "'s cartilage question", by)),
                new Edit.PutBox(new Box(reader + "-box", c.id(), "femur-medial-central", null, min, max, by)),
                new Edit.PutStep(c.id(), new ReasoningStep(reader + "-s1", q, "Looked at the condyle.",
                        new Evidence.BoxRef(reader + "-box"), by), 0),
                new Edit.SetGrade(c.id(), new Grade(q, "Size of lesion", size, by)),
                new Edit.SetGrade(c.id(), new Grade(q, "Depth of lesion", 1, by)));
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            for (Edit e : edits) {
                editor.apply(e);
            }
            return null;
        }));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
