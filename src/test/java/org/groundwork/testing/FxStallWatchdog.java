package org.groundwork.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;

/**
 * Watches the JavaFX thread from outside: a ping is posted every few milliseconds, and a ping that
 * waits longer than the threshold is a stall, recorded with what the FX thread was doing then. A
 * stall in which the FX thread waits on Groundwork (inside the store or its database driver, or
 * blocked in a lock or future that Groundwork's code called) is the kind the UI must never have.
 */
public final class FxStallWatchdog {
    /**
     * A stall: how long the FX thread did not answer, its stack when it was caught, and whether it
     * was then waiting on Groundwork rather than busy in JavaFX (styling, layout, painting).
     */
    public record Stall(long millis, String stack, boolean waitingOnGroundwork) {
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
            try {
                Platform.runLater(() -> answered = System.nanoTime());
            } catch (IllegalStateException toolkitNotStarted) {
                sleep(50); // no GUI test has started JavaFX yet
                continue;
            }
            String stack = null;
            boolean waitingOnGroundwork = false;
            while (running && answered == 0) {
                sleep(2);
                long waited = (System.nanoTime() - sent) / 1_000_000;
                if (waited > thresholdMillis) {
                    // Sampled while the stall lasts: one sample waiting on Groundwork is enough.
                    // State and stack from one snapshot, so that they describe the same moment.
                    Thread fx = fxThread();
                    java.lang.management.ThreadInfo info = fx == null ? null
                            : java.lang.management.ManagementFactory.getThreadMXBean().getThreadInfo(fx.getId(), 40);
                    StackTraceElement[] frames = info == null ? new StackTraceElement[0] : info.getStackTrace();
                    boolean waiting = info != null && waitsOnGroundwork(frames, info.getThreadState());
                    if (stack == null || waiting && !waitingOnGroundwork) {
                        stack = Arrays.stream(frames).limit(25).map(String::valueOf).collect(Collectors.joining("\n  at "));
                    }
                    waitingOnGroundwork |= waiting;
                }
            }
            long took = ((answered == 0 ? System.nanoTime() : answered) - sent) / 1_000_000;
            if (took > thresholdMillis && stack != null) {
                synchronized (stalls) {
                    stalls.add(new Stall(took, stack, waitingOnGroundwork));
                }
            }
            sleep(5);
        }
    }

    private static volatile Thread fx;

    private static Thread fxThread() {
        if (fx == null) {
            fx = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElse(null);
        }
        return fx;
    }

    /**
     * In the database driver, whatever the state; blocked entering a synchronized Groundwork method
     * (the store's, say); or parked, waiting or sleeping where Groundwork's own code (not a test's)
     * called the JDK's waiting methods.
     */
    static boolean waitsOnGroundwork(StackTraceElement[] frames, Thread.State state) {
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (c.startsWith("org.sqlite.") || c.startsWith("java.sql.")) {
                return true; // database work on the FX thread, waiting or not
            }
        }
        if (frames.length == 0 || state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
            return false;
        }
        String top = frames[0].getClassName();
        if (state == Thread.State.BLOCKED) {
            return isGroundworkCode(frames[0]); // entering a synchronized Groundwork method
        }
        // Parked, waiting or sleeping in the JDK, called from Groundwork's own code.
        if (!(top.equals("jdk.internal.misc.Unsafe") || top.equals("java.lang.Object") || top.equals("java.lang.Thread"))) {
            return false; // e.g. linking a lambda or initialising a class: the JVM's work, not a wait
        }
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            return isGroundworkCode(f);
        }
        return false;
    }

    private static boolean isGroundworkCode(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("org.groundwork.") && !isTestCode(c) && !c.contains("$$Lambda")
                && !f.getMethodName().startsWith("<");
    }

    private static boolean isTestCode(String className) {
        return className.startsWith("org.groundwork.testing.") || className.matches(".*Test(\\$.*)?");
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
