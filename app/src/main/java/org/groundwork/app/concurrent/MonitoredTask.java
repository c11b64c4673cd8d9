package org.groundwork.app.concurrent;

import javafx.concurrent.Task;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;

/** A background task whose core-module work reports progress and honours Cancel through a {@link LoadMonitor}. */
public abstract class MonitoredTask<T> extends Task<T> {
    /** Progress and cancellation of this task, for viewer-core and storage calls. */
    protected LoadMonitor monitor() {
        return new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                updateProgress(done, total);
                updateMessage(message + ": " + done + " of " + total);
            }

            @Override
            public boolean cancelled() {
                return isCancelled();
            }

            @Override
            public void preview(Volume loading) {
                onPreview(loading);
            }
        };
    }

    /** Called from a worker thread when a volume's middle slice can be shown. */
    protected void onPreview(Volume loading) {
    }
}
