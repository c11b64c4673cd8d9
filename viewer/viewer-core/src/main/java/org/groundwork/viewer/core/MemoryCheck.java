package org.groundwork.viewer.core;

import java.nio.file.Path;

/** Refuses an allocation the heap cannot hold, with a message instead of an OutOfMemoryError. */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    public static void requireFree(Path file, long bytes, String what) throws BadInputException {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > available) {
            throw new BadInputException(file, what + " needs " + (bytes >> 20) + " MB of memory but only "
                    + (available >> 20) + " MB are free; start Groundwork with more memory");
        }
    }
}
