package org.groundwork.viewer.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** The named pool on which decoding and other parallel I/O work runs, one thread per core. */
public final class Workers {
    private static final ForkJoinPool IO = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("groundwork-io-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    }, null, false);

    private Workers() {
    }

    public static ForkJoinPool io() {
        return IO;
    }

    /**
     * Runs {@code work} (typically a parallel stream, which then spreads over this pool) and waits
     * for it. Its unchecked exceptions reach the caller as they were thrown; an interrupt while
     * waiting becomes a {@link java.util.concurrent.CancellationException}.
     */
    public static <T> T await(java.util.concurrent.Callable<T> work) {
        try {
            return IO.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@link #await(java.util.concurrent.Callable)} for work without a result. */
    public static void await(Runnable work) {
        await(() -> {
            work.run();
            return null;
        });
    }
}
