package org.groundwork.viewer.fx;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Renders off the FX thread and publishes on it, latest request wins: while a render runs, newer
 * requests replace each other and only the last one is drawn next. Scrolling fast therefore never
 * queues up stale frames.
 */
final class RenderScheduler<T> {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService RENDER = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "groundwork-render-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final Consumer<T> publish;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Supplier<T> pending;

    RenderScheduler(Consumer<T> publishOnFxThread) {
        this.publish = publishOnFxThread;
    }

    void request(Supplier<T> render) {
        pending = render;
        if (running.compareAndSet(false, true)) {
            RENDER.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Supplier<T> next;
            while ((next = pending) != null) {
                pending = null;
                T frame = next.get();
                Platform.runLater(() -> publish.accept(frame));
            }
        } finally {
            running.set(false);
            if (pending != null && running.compareAndSet(false, true)) {
                RENDER.execute(this::drain);
            }
        }
    }
}
