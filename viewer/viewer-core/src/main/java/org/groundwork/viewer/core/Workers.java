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
}
