package org.groundwork.app.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.groundwork.annotate.core.project.ActiveTimeTracker;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseEditor;
import org.groundwork.annotate.core.project.CaseLease;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Progress;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Readings;
import org.groundwork.annotate.core.project.Worklists;
import org.groundwork.annotate.fx.Editing;
import org.groundwork.annotate.fx.box.BoxTools;
import org.groundwork.annotate.fx.reasoning.AnnotationPane;
import org.groundwork.annotate.fx.reasoning.ViewerLink;
import org.groundwork.annotate.fx.worklist.WorklistView;
import org.groundwork.app.CurrentUser;
import org.groundwork.app.project.ProjectController;
import org.groundwork.storage.ProjectStore;
import org.groundwork.viewer.fx.MprViewer;

/**
 * The case being annotated: opening it from the worklist (its images into the viewer, its
 * annotations into the box tools and the annotation pane), undo and redo, status changes, moving
 * on to the next unfinished case, and counting the active time spent on it.
 */
public final class CaseWorkspace {
    private static final Duration IDLE_AFTER = Duration.ofMinutes(2);

    private final ProjectController projects;
    private final WorklistView worklist;
    private final StatusBar statusBar;
    private final ImageActions images;
    private final BoxTools boxes;
    private final AnnotationPane pane;
    private final ActiveTimeTracker time = new ActiveTimeTracker(Clock.systemUTC(), IDLE_AFTER);
    private final ReadOnlyObjectWrapper<CaseRecord> openCase = new ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.BooleanProperty adjudicating = new javafx.beans.property.SimpleBooleanProperty();
    private final Timeline flush = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> flushTime()));
    private CaseEditor editor;
    private int pendingWrites;
    private boolean failedWrite;
    private Task<?> imageLoad;
    private final PacsSession pacs;

    CaseWorkspace(ProjectController projects, MprViewer viewer, WorklistView worklist, StatusBar statusBar,
                  ImageActions images, PacsSession pacs) {
        this.projects = projects;
        this.pacs = pacs;
        this.worklist = worklist;
        this.statusBar = statusBar;
        this.images = images;
        this.boxes = new BoxTools(viewer);
        boxes.colourByReaderProperty().bind(adjudicating);
        this.pane = new AnnotationPane(new ViewerLink(viewer, boxes));
        worklist.onOpen(this::open);
        projects.storeProperty().addListener((obs, old, store) -> close(old));
        flush.setCycleCount(Timeline.INDEFINITE);
        flush.play();
    }

    /** Counts activity in the window (clicks, keys, wheel) and its focus, for the time spent per case. */
    void watch(Stage stage, Scene scene) {
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> time.acted());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> time.acted());
        scene.addEventFilter(ScrollEvent.SCROLL, e -> time.acted());
        stage.focusedProperty().addListener((obs, was, focused) -> time.focused(focused));
        time.focused(stage.isFocused());
    }

    public AnnotationPane pane() {
        return pane;
    }

    public BoxTools boxes() {
        return boxes;
    }

    public ReadOnlyObjectProperty<CaseRecord> openCaseProperty() {
        return openCase.getReadOnlyProperty();
    }

    /** The loading of the open case's images (for tests and the status bar), or null. */
    public Task<?> imageLoad() {
        return imageLoad;
    }

    /** The editor of the open case, or null. */
    public CaseEditor editor() {
        return editor;
    }

    /**
     * @param note what the status bar should say about the images, or null
     * @param heldElsewhere who else edits the case now (it opens read-only here), or null
     */
    private record Opened(List<Path> files, CaseAnnotations annotations, String note, String heldElsewhere) {
    }

    /**
     * On while an adjudicator works: cases open with every reader's answers, boxes coloured by reader,
     * and what is drawn or graded is the consensus. Off, a blind project shows each reader their own.
     */
    public javafx.beans.property.BooleanProperty adjudicatingProperty() {
        return adjudicating;
    }

    /**
     * A case imported from a PACS whose files are not here (another workstation, an evicted series)
     * is retrieved again through the PACS this session signed in to. Returns what to tell the reader.
     */
    private String restoreFromPacs(ProjectStore store, CaseRecord c) throws Exception {
        var remote = store.readOnly() ? List.<ProjectStore.RemoteSeries>of() : store.remoteSeries(c.id());
        if (remote.isEmpty()) {
            return null;
        }
        String server = remote.get(0).server();
        var client = pacs.client().filter(p -> p.server().root().toString().equals(server));
        if (client.isEmpty()) {
            boolean missing = store.imageFiles(c.id()).stream().anyMatch(f -> !java.nio.file.Files.isRegularFile(f));
            return missing ? "This case's images are on " + server + ": sign in with File → Open from PACS… and open "
                    + "the case again." : null;
        }
        return org.groundwork.storage.dicomweb.PacsImport.restoreMissing(store, c.id(), client.get(), pacs.cache(),
                org.groundwork.viewer.core.LoadMonitor.NONE) ? "Retrieved this case's images again from " + server + "." : null;
    }

    /** Opens the open case again, e.g. after switching reader or into adjudication. */
    public Task<?> reopen() {
        CaseRecord c = openCase.get();
        return c == null ? null : open(c);
    }

    /** Opens a case: marks it in progress, loads its images and annotations. */
    public Task<?> open(CaseRecord c) {
        ProjectStore store = projects.storeProperty().get();
        if (store == null) {
            return null;
        }
        flushTime();
        CaseRecord before = openCase.get();
        Task<Opened> task = projects.submit(() -> {
            if (before != null && before.id() != c.id()) {
                store.release(before.id()); // others may edit the case left
            }
            String heldElsewhere = null;
            if (!store.readOnly()) {
                CaseLease lease = store.lease(c.id(), CurrentUser.name());
                heldElsewhere = lease.mine() ? null : lease.holder() == null ? "nobody may edit it now"
                        : "it is being edited by " + lease.holder() + " on " + lease.workstation();
            }
            if (c.status() == CaseStatus.TODO && !store.readOnly() && heldElsewhere == null) {
                store.apply(new Edit.SetCaseStatus(c.id(), CaseStatus.IN_PROGRESS), CurrentUser.name());
            }
            CaseAnnotations all = store.annotations(c.id());
            // Blind reading: a reader sees only their own answers until an adjudicator opens the case.
            boolean blind = !adjudicating.get() && Boolean.parseBoolean(store.setting(Readings.BLIND).orElse("false"));
            String note = restoreFromPacs(store, c);
            return new Opened(store.imageFiles(c.id()), blind ? all.readBy(CurrentUser.name()) : all, note, heldElsewhere);
        });
        task.setOnSucceeded(e -> {
            Opened opened = task.getValue();
            CaseEditor opening = new CaseEditor(opened.annotations(), edit -> {
                if (opened.heldElsewhere() != null) {
                    throw new ProjectException(store.name(), "case " + c.id() + " is open read-only: "
                            + opened.heldElsewhere() + "; the edit was not saved", null);
                }
                write(store, c, edit);
            });
            editor = opening;
            opening.addListener(() -> {
                String reader = adjudicating.get() ? Readings.CONSENSUS : CurrentUser.name();
                projects.updateCompleteness(c.id(), Progress.completeness(opening.current(), store.protocol()));
                projects.updateReaderProgress(c.id(), reader,
                        Progress.completeness(opening.current().readBy(reader), store.protocol()));
            });
            // An adjudicator's boxes, steps and grades are the consensus.
            Editing editing = new Editing(opening, store.protocol(),
                    () -> adjudicating.get() ? Readings.CONSENSUS : CurrentUser.name(), Clock.systemUTC(), this::error);
            // Until the case's own images are loaded the viewer may still show the previous case:
            // no box may be drawn on those.
            boxes.attach(null);
            pane.show(editing, "Case " + c.id() + ": " + c.label()
                    + (opened.heldElsewhere() == null ? "" : " (read-only: " + opened.heldElsewhere() + ")"));
            openCase.set(c);
            worklist.markOpen(c.id());
            projects.refreshCases();
            if (opened.heldElsewhere() != null) {
                statusBar.showMessage("Case " + c.id() + " is open read-only: " + opened.heldElsewhere() + ".");
            } else if (opened.note() != null) {
                statusBar.showMessage(opened.note());
            }
            if (opened.files().isEmpty()) {
                error("Case " + c.id() + " has no image files in the project.");
            } else {
                imageLoad = images.open(opened.files());
                imageLoad.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, loaded -> {
                    if (editor == opening) {
                        boxes.attach(editing);
                    }
                });
            }
        });
        task.setOnFailed(e -> error("Case " + c.id() + " could not be opened: " + task.getException().getMessage()));
        return task;
    }

    /**
     * Sends an edit to the store thread and returns at once: the screen shows it now, marked as saving
     * until its transaction commits. Edits are written in the order made. A write that fails shows the
     * case again as it is saved (the edits queued after it were made on top of it) and says why.
     */
    private void write(ProjectStore store, CaseRecord c, Edit edit) throws ProjectException {
        if (store.readOnly()) {
            throw new ProjectException(store.name(), "is open read-only; the edit was not saved", null);
        }
        String user = CurrentUser.name();
        statusBar.showPending(++pendingWrites);
        Task<Void> writing = projects.submit(() -> {
            store.apply(edit, user);
            return null;
        });
        writing.setOnSucceeded(e -> statusBar.showPending(--pendingWrites));
        writing.setOnFailed(e -> {
            statusBar.showPending(--pendingWrites);
            if (!failedWrite) {
                failedWrite = true; // one reload for a run of failures
                Throwable why = writing.getException();
                Task<?> reload = openCase.get() != null && openCase.get().id() == c.id() ? open(c) : null;
                if (reload != null) {
                    reload.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, done -> failedWrite = false);
                } else {
                    failedWrite = false;
                }
                String said = "An edit could not be saved (" + why.getMessage() + "); the case shows what is saved.";
                error(said);
                Notify.warning(statusBar.node().getScene().getWindow(), "Not saved", said);
            }
        });
    }

    /** Edits shown but not yet committed; the status bar says so. */
    int pendingWrites() {
        return pendingWrites;
    }

    void undo() {
        replay(CaseEditor::undo, "Undone: ", "Nothing to undo.");
    }

    void redo() {
        replay(CaseEditor::redo, "Redone: ", "Nothing to redo.");
    }

    /** Undo or redo of the open case's editor: one of its two moves. */
    @FunctionalInterface
    private interface EditorMove {
        Edit apply(CaseEditor editor) throws ProjectException;
    }

    private void replay(EditorMove move, String done, String nothing) {
        if (editor != null) {
            try {
                Edit edit = move.apply(editor);
                statusBar.showMessage(edit == null ? nothing : done + describe(edit));
            } catch (ProjectException e) {
                error(e.getMessage());
            }
        }
    }

    private static String describe(Edit edit) {
        return edit.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Sets the open case's status (done, needs review). */
    void setStatus(CaseStatus status) {
        boolean written = writeCaseState(id -> new Edit.SetCaseStatus(id, status),
                " marked " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".");
        if (written && status == CaseStatus.DONE) {
            onCaseFinished.run();
        }
    }

    private Runnable onCaseFinished = () -> { };

    /** Called after the reader marks the open case done. */
    void setOnCaseFinished(Runnable action) {
        onCaseFinished = action;
    }

    /** Makes the current user the open case's assignee. */
    void assignToMe() {
        String me = CurrentUser.name();
        writeCaseState(id -> new Edit.AssignCase(id, me), " is assigned to " + me + ".");
    }

    /** Writes a change of the open case's state (not undoable), says so, refreshes the worklist; false when not written. */
    private boolean writeCaseState(java.util.function.LongFunction<Edit> change, String said) {
        CaseRecord c = openCase.get();
        ProjectStore store = projects.storeProperty().get();
        if (c == null || store == null) {
            return false;
        }
        try {
            write(store, c, change.apply(c.id()));
            statusBar.showMessage("Case " + c.id() + said);
            projects.refreshCases(); // queued after the write on the store thread
            return true;
        } catch (ProjectException e) {
            error(e.getMessage());
            return false;
        }
    }

    /** Everything is saved already: counts the time, then opens the next unfinished case of the worklist. */
    void nextCase() {
        CaseRecord current = openCase.get();
        List<CaseRecord> shown = worklist.shownCases();
        var next = Worklists.nextUnfinished(shown, current == null ? -1 : current.id());
        if (next.isEmpty()) {
            statusBar.showMessage("No unfinished case left in the worklist.");
            return;
        }
        open(next.get());
    }

    /** Writes the time counted so far and stops counting: the window is closing. */
    void stop() {
        flush.stop();
        flushTime();
    }

    /** Writes the active time counted since the last flush to the open case. */
    void flushTime() {
        flushTime(projects.storeProperty().get());
    }

    private void flushTime(ProjectStore store) {
        long seconds = time.drainSeconds();
        CaseRecord c = openCase.get();
        if (seconds > 0 && c != null && store != null && !store.readOnly()) {
            projects.submit(() -> {
                store.apply(new Edit.AddActiveTime(c.id(), seconds), CurrentUser.name());
                return null;
            });
            projects.refreshCases();
        }
    }

    private void close(ProjectStore previous) {
        flushTime(previous);
        editor = null;
        openCase.set(null);
        boxes.attach(null);
        pane.show(null, "No case open");
    }

    private void error(String message) {
        statusBar.showMessage(message);
    }
}
