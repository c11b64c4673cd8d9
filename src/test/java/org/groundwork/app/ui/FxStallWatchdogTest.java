package org.groundwork.app.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.testing.FxStallWatchdog;
import org.groundwork.testing.RunningApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The watchdog the GUI tests run under: an FX thread held by the store is caught as waiting on
 * Groundwork (the tests fail on it); an FX thread busy in a test's own code is not.
 */
class FxStallWatchdogTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static List<FxStallWatchdog.Stall> stallsOf(Runnable onFx) throws Exception {
        RunningApp.WATCHDOG.drain();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            onFx.run();
            done.countDown();
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        Thread.sleep(100); // the watchdog's last ping
        return RunningApp.WATCHDOG.drain();
    }

    @Test
    void theFxThreadWaitingForTheStoreIsCaughtWithItsStack() throws Exception {
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(tmp.resolve("project"))) {
            CountDownLatch held = new CountDownLatch(1);
            Thread slowDisk = new Thread(() -> {
                synchronized (store) { // a long commit on the store thread
                    held.countDown();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            slowDisk.start();
            held.await();
            // What the UI must never do: ask the store on the FX thread.
            List<FxStallWatchdog.Stall> stalls = stallsOf(store::cases);
            slowDisk.join();
            assertTrue(stalls.stream().anyMatch(s -> s.waitingOnGroundwork() && s.millis() >= 150
                    && s.stack().contains("ProjectStore.cases")), String.valueOf(stalls));
        }
    }

    @Test
    void aBusyTestIsAStallButNotAWaitOnGroundwork() throws Exception {
        List<FxStallWatchdog.Stall> stalls = stallsOf(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(stalls.stream().anyMatch(s -> s.millis() >= 150), String.valueOf(stalls));
        assertFalse(stalls.stream().anyMatch(FxStallWatchdog.Stall::waitingOnGroundwork), String.valueOf(stalls));
    }
}
