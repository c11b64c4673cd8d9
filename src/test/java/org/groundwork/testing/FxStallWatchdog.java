package org.groundwork.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;

/**
 * Watches the JavaFX thread from outside: a ping is posted every few milliseconds, and a ping that
 * waits longer than the threshold is a stall, recorded with what the FX thread was doing then.
 */
public final class FxStallWatchdog {
    /** A stall: how long the FX thread did not answer, and its stack when it was caught. */
    public record Stall(long millis, String stack) {
    }

    private final long thresholdMillis;
    private final List<Stall> stalls = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long answered;

    public FxStallWatchdog(long thresholdMillis) {
        this.thresholdMillis = thresholdMillis;
        Thread t = new Thread(this::watch, "fx-stall-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private void watch() {
        while (running) {
            long sent = System.nanoTime();
            answered = 0;
            Platform.runLater(() -> answered = System.nanoTime());
            String stack = null;
            while (running && answered == 0) {
                sleep(2);
                long waited = (System.nanoTime() - sent) / 1_000_000;
                if (stack == null && waited > thresholdMillis) {
                    stack = fxStack();
                }
            }
            long took = ((answered == 0 ? System.nanoTime() : answered) - sent) / 1_000_000;
            if (took > thresholdMillis && stack != null) {
                synchronized (stalls) {
                    stalls.add(new Stall(took, stack));
                }
            }
            sleep(5);
        }
    }

    private static String fxStack() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("JavaFX Application Thread")).findFirst()
                .map(e -> Arrays.stream(e.getValue()).limit(25).map(String::valueOf).collect(Collectors.joining("\n  at ")))
                .orElse("(no FX thread)");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stalls since the last call, and forgets them. */
    public List<Stall> drain() {
        synchronized (stalls) {
            List<Stall> copy = List.copyOf(stalls);
            stalls.clear();
            return copy;
        }
    }

    public void stop() {
        running = false;
    }
}
