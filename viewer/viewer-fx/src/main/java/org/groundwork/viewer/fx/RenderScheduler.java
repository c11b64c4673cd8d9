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

    /** A render and its number in the order of requests. */
    private record Request<T>(long number, Supplier<T> render) {
    }

    private final Consumer<T> publish;
    private final AtomicBoolean running = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong requested = new java.util.concurrent.atomic.AtomicLong();
    private volatile Request<T> pending;
    private long published; // FX thread only

    RenderScheduler(Consumer<T> publishOnFxThread) {
        this.publish = publishOnFxThread;
    }

    void request(Supplier<T> render) {
        pending = new Request<>(requested.incrementAndGet(), render);
        if (running.compareAndSet(false, true)) {
            RENDER.execute(this::drain);
        }
    }

    /** On the FX thread: whether the latest request is not yet on screen. */
    boolean framePending() {
        return published < requested.get();
    }

    private void drain() {
        try {
            Request<T> next;
            while ((next = pending) != null) {
                pending = null;
                long number = next.number();
                T frame;
                try {
                    frame = next.render().get();
                } catch (RuntimeException e) {
                    // Nothing to show for this request; it must not stay pending for ever.
                    Platform.runLater(() -> published = Math.max(published, number));
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                    continue;
                }
                Platform.runLater(() -> {
                    published = Math.max(published, number);
                    publish.accept(frame);
                });
            }
        } finally {
            running.set(false);
            if (pending != null && running.compareAndSet(false, true)) {
                RENDER.execute(this::drain);
            }
        }
    }
}
