package org.groundwork.annotate.core.project;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The annotations of the open case with undo and redo. Every change is handed to the store first and
 * only then goes into the model that the tools and panels show; a store that refuses it (throws)
 * changes nothing. The workstation's store queues the write for its own thread and returns at once,
 * so the screen never waits on the disk. Confined to one thread (the FX thread).
 */
public final class CaseEditor {
    /** Takes one edit to be written, in order, as {@link ProjectRepository#apply} does; throws to refuse it. */
    @FunctionalInterface
    public interface Store {
        void apply(Edit edit) throws ProjectException;
    }

    private record Done(Edit forward, Edit backward) {
    }

    private final Store store;
    private final Deque<Done> undo = new ArrayDeque<>();
    private final Deque<Done> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private CaseAnnotations current;

    public CaseEditor(CaseAnnotations initial, Store store) {
        this.current = initial;
        this.store = store;
    }

    public CaseAnnotations current() {
        return current;
    }

    public long caseId() {
        return current.caseId();
    }

    /** Called after every change (edit, undo, redo). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Applies a new edit; it becomes the next undo step and clears redo. */
    public void apply(Edit edit) throws ProjectException {
        Edit backward = current.inverse(edit);
        write(edit);
        undo.push(new Done(edit, backward));
        redo.clear();
        changed();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Undoes the last edit; returns it, or null when there is nothing to undo. */
    public Edit undo() throws ProjectException {
        Done last = undo.peek();
        if (last == null) {
            return null;
        }
        write(last.backward());
        redo.push(undo.pop());
        changed();
        return last.forward();
    }

    /** Applies the last undone edit again; returns it, or null when there is nothing to redo. */
    public Edit redo() throws ProjectException {
        Done next = redo.peek();
        if (next == null) {
            return null;
        }
        write(next.forward());
        undo.push(redo.pop());
        changed();
        return next.forward();
    }

    private void write(Edit edit) throws ProjectException {
        if (edit instanceof Edit.Batch batch && batch.edits().isEmpty()) {
            return;
        }
        store.apply(edit);
        current = current.apply(edit);
    }

    private void changed() {
        for (Runnable listener : List.copyOf(listeners)) {
            listener.run();
        }
    }
}
