package org.groundwork.app.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.protocol.QuestionTemplate;
import org.groundwork.annotate.core.protocol.Region;
import org.groundwork.annotate.fx.box.BoxTools;
import org.groundwork.app.ui.CaseWorkspace;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.RunningApp;
import org.groundwork.testing.Screenshots;
import org.groundwork.testing.WorkstationTest;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.groundwork.viewer.fx.MprViewer;
import org.groundwork.viewer.fx.SliceView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One knee case annotated end to end with mouse and keyboard, as a reader would: a question from the
 * protocol, a 3D box drawn in the axial view whose depth is then dragged in the sagittal view, three
 * reasoning steps with evidence, grades, undo and redo, next case; then the application is closed,
 * started again, and everything is found where it was left.
 */
@Tag("fx")
class AnnotationEndToEndTest extends WorkstationTest {
    private static final String REGION = "femur-medial-central";

    /** A project with two 40 x 40 x 30 axial series, one case each. */
    private Path project() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticSeries.write(data.resolve("knee1"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.11", 40, 40, 30,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        SyntheticSeries.write(data.resolve("knee2"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.12", 40, 40, 30,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        Path project = tmp.resolve("knee-project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.importFolders(store, List.of(data), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
        }
        return project;
    }

    private CaseWorkspace workspace() {
        return app.mainWindow().workspace();
    }

    private MprViewer viewer() {
        return app.mainWindow().viewer();
    }

    /** Opens the project and then a case from the worklist (click, Enter), and waits for its images. */
    private void openProjectAndCase(Path project, int index) throws Exception {
        RunningApp.await(RunningApp.onFx(() -> app.mainWindow().projectActions().open(project,
                SqliteProjectStore.Mode.READ_WRITE)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.mainWindow().worklist().shownCases().size() == 2);
        CaseRecord c = app.mainWindow().worklist().shownCases().get(index);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#worklistList .list-cell").queryAllAs(javafx.scene.control.ListCell.class)
                .stream().filter(r -> r.getIndex() == index && !r.isEmpty()).findFirst().orElseThrow());
        robot.push(KeyCode.ENTER);
        waitForCase(c.id());
    }

    private void waitForCase(long id) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> workspace().openCaseProperty().get() != null
                && workspace().openCaseProperty().get().id() == id && workspace().imageLoad() != null
                && workspace().imageLoad().isDone() && viewer().volumeProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Screen position of voxel (i, j, k) in a view. */
    private Point2D screen(Plane plane, double i, double j, double k) {
        SliceView view = viewer().view(plane);
        Volume v = viewer().volumeProperty().get();
        double[] p = view.transform().toScreen(v.voxelToLps().apply(i, j, k));
        return view.localToScreen(p[0], p[1]);
    }

    /** The cell showing step {@code index} (cells are reused, so not the n-th cell found). */
    private javafx.scene.control.ListCell<?> stepCell(int index) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#stepList .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getIndex() == index && !c.isEmpty()).findFirst().orElseThrow();
    }

    private Box onlyBox() {
        List<Box> boxes = workspace().editor().current().boxes();
        assertEquals(1, boxes.size(), boxes.toString());
        return boxes.get(0);
    }

    @Test
    void annotateACaseEndToEndAndFindItAllAfterARestart() throws Exception {
        Path project = project();
        app = RunningApp.start();
        openProjectAndCase(project, 0);
        long caseId = workspace().openCaseProperty().get().id();

        // A question from the knee protocol: region, then its first question, then Ask.
        @SuppressWarnings("unchecked")
        ComboBox<Region> regions = robot.lookup("#regionChoice").queryAs(ComboBox.class);
        Region region = regions.getItems().stream().filter(r -> r.id().equals(REGION)).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> regions.setValue(region)));
        @SuppressWarnings("unchecked")
        ComboBox<QuestionTemplate> templates = robot.lookup("#templateChoice").queryAs(ComboBox.class);
        QuestionTemplate template = templates.getValue();
        assertEquals(REGION, template.region());
        robot.clickOn("#askButton");
        Question question = workspace().editor().current().questions().get(0);
        assertEquals(template.id(), question.templateId());

        // The 3D box tool (B), a rectangle dragged in the axial view.
        robot.clickOn(viewer().view(Plane.AXIAL));
        robot.push(KeyCode.B);
        assertEquals(BoxTools.Tool.BOX_3D, workspace().boxes().toolProperty().get());
        int k = viewer().view(Plane.AXIAL).sliceProperty().get();
        robot.drag(screen(Plane.AXIAL, 10, 12, k), MouseButton.PRIMARY).moveTo(screen(Plane.AXIAL, 18, 20, k))
                .moveTo(screen(Plane.AXIAL, 25, 28, k)).release(MouseButton.PRIMARY);
        Box drawn = onlyBox();
        assertArrayEquals(new int[] {10, 12}, new int[] {drawn.min()[0], drawn.min()[1]});
        assertArrayEquals(new int[] {26, 29}, new int[] {drawn.max()[0], drawn.max()[1]});
        assertEquals(16, drawn.size()[2], "a new 3D box is as deep as it is narrow");
        assertEquals(REGION, drawn.regionId());
        assertNotNull(drawn.patientCorners());

        // Its depth set in the sagittal view: drag the superior edge up to slice 28.
        int top = drawn.max()[2];
        robot.drag(screen(Plane.SAGITTAL, 18, 20, top - 0.5), MouseButton.PRIMARY)
                .moveTo(screen(Plane.SAGITTAL, 18, 20, 26)).moveTo(screen(Plane.SAGITTAL, 18, 20, 27.3))
                .release(MouseButton.PRIMARY);
        assertEquals(28, onlyBox().max()[2]);
        assertEquals(drawn.min()[2], onlyBox().min()[2], "only the dragged face moved");
        Screenshots.write(app.mainWindow().stage().getScene(), "annotation-box-drawn");

        // Undo and redo the resize with the keyboard.
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(top, onlyBox().max()[2]);
        robot.push(KeyCode.CONTROL, KeyCode.Y);
        assertEquals(28, onlyBox().max()[2]);
        // Nudge it one voxel to the screen's right, and back (undo).
        robot.push(KeyCode.RIGHT);
        assertEquals(drawn.min()[1] + 1, onlyBox().min()[1], "in the sagittal view, screen right is posterior (+j)");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        Box box = onlyBox();
        assertEquals(drawn.min()[1], box.min()[1]);

        // Three reasoning steps typed into the step field; letters do not switch tools while typing.
        for (String text : List.of("Box the medial femoral condyle on slices of the weight-bearing zone.",
                "Bright, ill-defined marrow signal below the cartilage.", "Involves about a tenth of the subregion.")) {
            robot.clickOn("#stepField").write(text).push(KeyCode.ENTER);
        }
        assertEquals(BoxTools.Tool.BOX_3D, workspace().boxes().toolProperty().get(), "typing 'v' or 'n' is text");
        @SuppressWarnings("unchecked")
        ListView<ReasoningStep> steps = robot.lookup("#stepList").queryAs(ListView.class);
        assertEquals(3, steps.getItems().size());
        // Step 1 points at the box, step 2 at a bookmark of the sagittal view (Ctrl+K).
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> steps.getSelectionModel().select(0)));
        robot.clickOn("#linkBoxButton");
        robot.clickOn(viewer().view(Plane.SAGITTAL));
        robot.push(KeyCode.PAGE_UP);
        int bookmarkedSlice = viewer().view(Plane.SAGITTAL).sliceProperty().get();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> steps.getSelectionModel().select(1)));
        robot.push(KeyCode.CONTROL, KeyCode.K);
        CaseAnnotations now = workspace().editor().current();
        List<ReasoningStep> chain = now.steps(question.id());
        assertEquals(new Evidence.BoxRef(box.id()), chain.get(0).evidence());
        Evidence.ViewBookmark bookmark = assertInstanceOf(Evidence.ViewBookmark.class, chain.get(1).evidence());
        assertEquals("SAGITTAL", bookmark.plane());
        assertEquals(bookmarkedSlice, bookmark.slice());
        // Reorder with the keyboard: step 3 up one place, then back.
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            steps.getSelectionModel().select(2);
            steps.requestFocus();
        }));
        robot.push(KeyCode.ALT, KeyCode.UP);
        assertEquals(chain.get(2).id(), workspace().editor().current().steps(question.id()).get(1).id());
        robot.push(KeyCode.ALT, KeyCode.DOWN);
        assertEquals(chain, workspace().editor().current().steps(question.id()));
        // Clicking the bookmark's link brings that view back.
        robot.clickOn(viewer().view(Plane.SAGITTAL));
        robot.push(KeyCode.HOME);
        robot.clickOn(robot.from(stepCell(1)).lookup(".evidence-link").queryAs(javafx.scene.Node.class));
        assertEquals(bookmarkedSlice, viewer().view(Plane.SAGITTAL).sliceProperty().get());

        // Grades: every field of the question's schema, by its buttons.
        Label missing = robot.lookup("#missingLabel").queryAs(Label.class);
        assertTrue(missing.getText().contains("Size of BML"), missing.getText());
        robot.clickOn("#grade-size-of-bml-including-cyst-1");
        robot.clickOn("#grade-number-of-bml-within-subregion-1");
        robot.clickOn("#grade-of-lesion-that-is-bml-excluding-cyst-2");
        assertEquals("✓ Complete", missing.getText());
        assertEquals(2, workspace().editor().current().grades(question.id())
                .get("% of lesion that is BML (excluding cyst)").value());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertFalse(workspace().editor().current().grades(question.id())
                .containsKey("% of lesion that is BML (excluding cyst)"), "undo clears the last grade");
        assertTrue(missing.getText().startsWith("Still missing"), missing.getText());
        robot.push(KeyCode.CONTROL, KeyCode.Y);
        assertEquals("✓ Complete", missing.getText());
        CaseAnnotations finished = workspace().editor().current();
        Screenshots.write(app.mainWindow().stage().getScene(), "annotation-case-complete");

        // Ctrl+Enter: the next unfinished case opens.
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        long second = app.mainWindow().worklist().shownCases().get(1).id();
        waitForCase(second);
        assertTrue(workspace().editor().current().boxes().isEmpty());

        FxToolkit.cleanupApplication(app); // quit
        app = null;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(finished, store.annotations(caseId));
            assertEquals(CaseStatus.IN_PROGRESS, store.cases().get(0).status(), "opened cases are in progress");
        }
        app = RunningApp.start();
        openProjectAndCase(project, 0);
        assertEquals(finished, workspace().editor().current());
        assertEquals(1, robot.lookup("#questionList").queryAs(ListView.class).getItems().size());
        assertEquals(3, robot.lookup("#stepList").queryAs(ListView.class).getItems().size());
        assertEquals("✓ Complete", robot.lookup("#missingLabel").queryAs(Label.class).getText());
        assertTrue(app.mainWindow().worklist().list().getItems().get(0).completeness() == 1.0);
        assertFalse(viewer().volumeView().boxes().isEmpty(), "the box is outlined in 3D too");
    }

    /** Three regions of one knee, each with its question, box, reasoning and grades: the case is complete. */
    @Test
    void threeRegionsMakeACompleteCase() throws Exception {
        Path project = project();
        app = RunningApp.start();
        openProjectAndCase(project, 0);
        @SuppressWarnings("unchecked")
        ComboBox<Region> regions = robot.lookup("#regionChoice").queryAs(ComboBox.class);
        int[][] corners = {{4, 4, 12, 12}, {14, 6, 22, 14}, {24, 20, 34, 30}};
        List<String> ids = List.of("femur-medial-central", "patella-medial", "tibia-lateral-posterior");
        for (int r = 0; r < 3; r++) {
            String id = ids.get(r);
            Region region = regions.getItems().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> regions.setValue(region)));
            robot.clickOn("#askButton");
            robot.clickOn(viewer().view(Plane.AXIAL));
            robot.push(KeyCode.B);
            int k = viewer().view(Plane.AXIAL).sliceProperty().get();
            int[] c = corners[r];
            robot.drag(screen(Plane.AXIAL, c[0], c[1], k), MouseButton.PRIMARY).moveTo(screen(Plane.AXIAL, c[2], c[3], k))
                    .release(MouseButton.PRIMARY);
            robot.clickOn("#stepField").write("Finding in " + region.name() + ".").push(KeyCode.ENTER);
            robot.clickOn("#grade-size-of-bml-including-cyst-0");
            robot.clickOn("#grade-number-of-bml-within-subregion-0");
            robot.clickOn("#grade-of-lesion-that-is-bml-excluding-cyst-0");
        }
        assertEquals("3 question(s), 3 box(es), 100% complete",
                robot.lookup("#caseProgress").queryAs(Label.class).getText());
        // Each box spans exactly the voxels its drag went from and to, in its own region.
        for (int r = 0; r < 3; r++) {
            String id = ids.get(r);
            int[] c = corners[r];
            Box box = workspace().editor().current().boxes().stream().filter(b -> id.equals(b.regionId())).findFirst()
                    .orElseThrow();
            assertArrayEquals(new int[] {c[0], c[1], c[2] + 1, c[3] + 1},
                    new int[] {box.min()[0], box.min()[1], box.max()[0], box.max()[1]}, id);
        }
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.ENTER); // mark done
        Screenshots.write(app.mainWindow().stage().getScene(), "annotation-three-regions");
        CaseAnnotations done = workspace().editor().current();
        FxToolkit.cleanupApplication(app);
        app = null;
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertEquals(done, store.annotations(done.caseId()));
            assertEquals(CaseStatus.DONE, store.cases().get(0).status());
            assertTrue(store.cases().get(0).activeSeconds() >= 1, "the reader's time on the case was counted: "
                    + store.cases().get(0).activeSeconds() + " s");
        }
    }

    @Test
    void twoDimensionalBoxesDuplicateAndDelete() throws Exception {
        Path project = project();
        app = RunningApp.start();
        openProjectAndCase(project, 1);
        robot.clickOn(viewer().view(Plane.CORONAL));
        robot.push(KeyCode.N);
        assertEquals(BoxTools.Tool.BOX_2D, workspace().boxes().toolProperty().get());
        robot.drag(screen(Plane.CORONAL, 5, viewerRow(), 5), MouseButton.PRIMARY)
                .moveTo(screen(Plane.CORONAL, 15, viewerRow(), 20)).release(MouseButton.PRIMARY);
        Box flat = onlyBox();
        assertEquals(Box.Shape.SLICE, flat.shape());
        assertEquals(1, flat.size()[1], "one voxel thick along the coronal normal");
        assertEquals(11, flat.size()[0]);
        assertEquals(16, flat.size()[2]);
        robot.push(KeyCode.V);
        robot.push(KeyCode.CONTROL, KeyCode.D);
        assertEquals(2, workspace().editor().current().boxes().size(), "duplicated");
        robot.push(KeyCode.DELETE);
        assertEquals(1, workspace().editor().current().boxes().size(), "the copy is selected and deleted");
        robot.push(KeyCode.ESCAPE);
        assertEquals(null, workspace().boxes().selectedProperty().get());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(2, workspace().editor().current().boxes().size(), "undo brings the copy back");
    }

    /** The row (j) index of the coronal view's current slice. */
    private double viewerRow() {
        SliceView view = viewer().view(Plane.CORONAL);
        Volume v = viewer().volumeProperty().get();
        double[] p = view.transform().toPatient(view.getWidth() / 2, view.getHeight() / 2);
        return v.voxelToLps().inverse().apply(p[0], p[1], p[2])[1];
    }
}
