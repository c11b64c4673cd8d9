package org.groundwork.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Prints the FX-thread stalls of each test when the watchdog runs ({@code -Dgroundwork.test.watchdog=true}). */
public final class FxStallReport implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        if (RunningApp.WATCHDOG != null) {
            RunningApp.WATCHDOG.drain();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (RunningApp.WATCHDOG != null) {
            RunningApp.WATCHDOG.drain().forEach(s -> System.err.println("STALL " + context.getDisplayName() + " "
                    + s.millis() + " ms\n  at " + s.stack()));
        }
    }
}
