package org.groundwork.viewer.core;

import java.nio.file.Path;

/**
 * Decides before a large allocation whether the heap can hold it, counting what is already held,
 * and refuses with a message naming the file and the sizes instead of running out of memory.
 */
public final class MemoryBudget {
    private static final long MB = 1 << 20;

    private MemoryBudget() {
    }

    /** Throws unless {@code bytes} more fit in the heap with room to spare for the work around them. */
    public static void require(Path file, long bytes, String what) throws BadInputException {
        if (bytes <= available()) {
            return;
        }
        System.gc(); // garbage is not held: count only what is still reachable before refusing
        long available = available();
        if (bytes > available) {
            throw new BadInputException(file, what + " needs " + bytes / MB + " MB but only " + Math.max(0, available) / MB
                    + " MB of the " + Runtime.getRuntime().maxMemory() / MB
                    + " MB Groundwork may use are free; close other images or start Groundwork with more memory"
                    + " (GROUNDWORK_JAVA_OPTS=-XX:MaxRAMPercentage=70)");
        }
    }

    /** Why a load that ran out of heap anyway was refused, in the user's terms. */
    public static String tooLarge() {
        return "too large for the memory Groundwork may use (" + Runtime.getRuntime().maxMemory() / MB + " MB)";
    }

    /**
     * What the heap can still take, less some kept back (a tenth, at most 64 MB): a heap is never
     * usable to its last byte, and the work around a volume needs a little.
     */
    private static long available() {
        Runtime rt = Runtime.getRuntime();
        long held = rt.totalMemory() - rt.freeMemory();
        return rt.maxMemory() - held - Math.min(64 * MB, rt.maxMemory() / 10);
    }
}
