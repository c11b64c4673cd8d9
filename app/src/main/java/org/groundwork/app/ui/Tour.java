package org.groundwork.app.ui;

import java.util.List;
import java.util.prefs.Preferences;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PopOver;

/**
 * Help → Tour: a walk through the workflow in callouts that point at the real controls. It never
 * blocks the window (the reader can try each step as it is described), can be closed at any step
 * and resumes there next time, also after a restart.
 */
public final class Tour {
    /** One stop: the control it points at (a CSS id), where the callout's arrow sits, and what it says. */
    record Stop(String anchor, PopOver.ArrowLocation arrow, String title, String text) {
    }

    static final List<Stop> STOPS = List.of(
            new Stop("#worklistList", PopOver.ArrowLocation.LEFT_TOP, "Open a case",
                    "The worklist holds the project's cases. Double-click one or press Enter to open it; "
                            + "type in the field above to filter, or tick statuses to see only those."),
            new Stop("#sagittalView", PopOver.ArrowLocation.TOP_CENTER, "Read",
                    "Scroll the wheel (or Up/Down) to move through slices; drag with the right button for window "
                            + "and level, F2 for an automatic window. Ctrl+1, Ctrl+2 and Ctrl+3 switch between one view, "
                            + "three planes, and three planes with 3D."),
            new Stop("#regionChoice", PopOver.ArrowLocation.RIGHT_TOP, "Ask a question",
                    "Pick a region (type to search the protocol's regions), then one of its questions, and press Ask."),
            new Stop("#axialView", PopOver.ArrowLocation.TOP_CENTER, "Draw and adjust a 3D box",
                    "Press B and drag a rectangle in any view: the box starts as deep as it is wide. Drag its edges "
                            + "in another view to set its depth, drag inside to move it; arrow keys nudge it by a voxel."),
            new Stop("#stepField", PopOver.ArrowLocation.RIGHT_BOTTOM, "Reason step by step",
                    "Write each step here and press Enter. Link box (Ctrl+Shift+K) points the step at the selected box, "
                            + "Bookmark (Ctrl+K) at the current view; clicking the link brings it back on screen."),
            new Stop("#severityForm", PopOver.ArrowLocation.RIGHT_BOTTOM, "Grade",
                    "Grade every severity field of the question; each value's meaning is in its tooltip. The question "
                            + "is ticked ✓ once it has a box, a step and all its grades."),
            new Stop("#worklistList", PopOver.ArrowLocation.LEFT_TOP, "Next case",
                    "Everything is saved as you go. Ctrl+Shift+Enter marks the case done; Ctrl+Enter opens the next "
                            + "unfinished one."),
            new Stop("#mainMenuBar", PopOver.ArrowLocation.TOP_LEFT, "Export the dataset",
                    "File → Export Dataset… (Ctrl+Shift+X) writes the project as quintuples, NIfTI masks, MONAI, "
                            + "Slicer, COCO or SFT files, de-identified, with a dataset card."));

    private final Scene scene;
    private final Preferences saved;
    private final PopOver callout = new PopOver();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label counter = new Label();
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private int stop;

    Tour(Scene scene, Preferences saved) {
        this.scene = scene;
        this.saved = saved;
        title.getStyleClass().add("tour-title");
        title.setId("tourTitle");
        text.setId("tourText");
        text.setWrapText(true);
        text.setMaxWidth(320);
        text.setMinHeight(Region.USE_PREF_SIZE);
        counter.setId("tourCounter");
        back.setId("tourBack");
        next.setId("tourNext");
        Button close = new Button("Close");
        close.setId("tourClose");
        back.setOnAction(e -> go(stop - 1));
        next.setOnAction(e -> {
            if (stop == STOPS.size() - 1) {
                finish();
            } else {
                go(stop + 1);
            }
        });
        close.setOnAction(e -> callout.hide());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(6, counter, gap, back, next, close);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(8, title, text, buttons);
        content.setPadding(new Insets(12));
        content.setPrefWidth(344);
        content.setId("tourCallout");
        callout.setContentNode(content);
        callout.setAutoHide(false); // the reader works in the window while the callout stays
        callout.setDetachable(false);
        callout.setHeaderAlwaysVisible(false);
        callout.setAnimated(false); // a fading callout would vanish after it was moved to the next stop
        // A showing popup sees the window's keys first: with nothing in it to focus, it lets them through to
        // the window (arrow keys would otherwise move its focus), and takes only Escape, to leave the tour.
        for (Button b : List.of(back, next, close)) {
            b.setFocusTraversable(false);
        }
        callout.getScene().addEventFilter(KeyEvent.KEY_PRESSED, this::escapeLeaves);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::escapeLeaves);
    }

    /** Shows the tour where the reader left it (the first stop after it was finished). */
    public void resume() {
        go(Math.max(0, Math.min(STOPS.size() - 1, saved.getInt("stop", 0))));
    }

    public boolean showing() {
        return callout.isShowing();
    }

    /** The stop shown now, 0-based. */
    public int stop() {
        return stop;
    }

    public void hide() {
        callout.hide();
    }

    private void go(int index) {
        stop = index;
        saved.putInt("stop", index);
        Stop s = STOPS.get(index);
        title.setText(s.title());
        text.setText(s.text());
        counter.setText((index + 1) + " of " + STOPS.size());
        back.setDisable(index == 0);
        next.setText(index == STOPS.size() - 1 ? "Finish" : "Next");
        callout.hide();
        callout.setArrowLocation(s.arrow());
        callout.show(anchor(s));
    }

    private void escapeLeaves(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && callout.isShowing()) {
            callout.hide();
            e.consume();
        }
    }

    private void finish() {
        saved.putInt("stop", 0);
        callout.hide();
    }

    /** The control a stop points at, or the image area when that control is not on screen (no case open). */
    private Node anchor(Stop s) {
        Node node = scene.lookup(s.anchor());
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible() || n.getScene() == null) {
                node = null;
                break;
            }
        }
        return node != null ? node : scene.lookup("#imageArea");
    }
}
