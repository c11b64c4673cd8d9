package org.groundwork.annotate.core.project;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts the time a user actively spends on a case: while the window has focus and the user acted
 * (clicked, typed, scrolled) within the last {@code idleAfter}. A coffee break with the case open
 * does not count beyond that grace period.
 */
public final class ActiveTimeTracker {
    private final Clock clock;
    private final Duration idleAfter;
    private boolean focused;
    private Instant lastAction;
    private Instant countedUpTo;
    private long countedMillis;

    public ActiveTimeTracker(Clock clock, Duration idleAfter) {
        this.clock = clock;
        this.idleAfter = idleAfter;
        this.countedUpTo = clock.instant();
    }

    public void focused(boolean hasFocus) {
        count();
        focused = hasFocus;
    }

    /** The user did something. */
    public void acted() {
        count();
        lastAction = clock.instant();
    }

    /** Whole seconds counted since the last call; the remainder carries over. */
    public long drainSeconds() {
        count();
        long seconds = countedMillis / 1000;
        countedMillis -= seconds * 1000;
        return seconds;
    }

    private void count() {
        Instant now = clock.instant();
        if (focused && lastAction != null) {
            Instant end = lastAction.plus(idleAfter);
            if (end.isAfter(now)) {
                end = now;
            }
            if (end.isAfter(countedUpTo)) {
                countedMillis += Duration.between(countedUpTo, end).toMillis();
            }
        }
        countedUpTo = now;
    }
}
