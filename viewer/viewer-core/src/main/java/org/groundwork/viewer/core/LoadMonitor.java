package org.groundwork.viewer.core;

import java.util.concurrent.CancellationException;

/** Receives progress from long work and lets the user cancel it. Called from worker threads. */
public interface LoadMonitor {
    LoadMonitor NONE = new LoadMonitor() {
        @Override
        public void progress(long done, long total, String message) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** A monitor that only wants the preview of each volume (benchmarks, tests). */
    static LoadMonitor onPreview(java.util.function.Consumer<Volume> preview) {
        return new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void preview(Volume loading) {
                preview.accept(loading);
            }
        };
    }

    void progress(long done, long total, String message);

    boolean cancelled();

    /**
     * Called once per volume as soon as its middle slice is decoded, before the rest: a viewer can
     * show that slice at once. The volume's voxel array is still being filled by worker threads.
     */
    default void preview(Volume loading) {
    }

    /** Throws {@link CancellationException} once the user has cancelled. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
