package org.groundwork.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a GUI test in which the FX thread waited on Groundwork for more than 50 ms (the store, a
 * lock, a future); prints every other stall (JavaFX styling, layout and painting) with
 * {@code -Dgroundwork.test.watchdog.verbose=true}.
 */
public final class FxStallReport implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        if (RunningApp.WATCHDOG != null) {
            RunningApp.WATCHDOG.drain();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (RunningApp.WATCHDOG == null) {
            return;
        }
        List<FxStallWatchdog.Stall> stalls = RunningApp.WATCHDOG.drain();
        if (Boolean.getBoolean("groundwork.test.watchdog.verbose")) {
            stalls.forEach(s -> System.err.println("STALL " + context.getDisplayName() + " " + s.millis() + " ms"
                    + (s.waitingOnGroundwork() ? " waiting on Groundwork" : "") + "\n  at " + s.stack()));
        }
        List<FxStallWatchdog.Stall> ours = stalls.stream().filter(FxStallWatchdog.Stall::waitingOnGroundwork).toList();
        if (!ours.isEmpty()) {
            throw new AssertionError("the FX thread waited on Groundwork for " + ours.get(0).millis() + " ms ("
                    + ours.size() + " stall(s) over 50 ms):\n  at " + ours.get(0).stack());
        }
    }
}
