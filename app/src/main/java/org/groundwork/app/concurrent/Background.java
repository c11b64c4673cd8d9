package org.groundwork.app.concurrent;

import javafx.concurrent.Task;

/** Runs a one-off task on its own named daemon thread (work that has no queue of its own). */
public final class Background {
    private Background() {
    }

    public static <T> Task<T> start(Task<T> task, String name) {
        Thread worker = new Thread(task, name);
        worker.setDaemon(true);
        worker.start();
        return task;
    }
}
