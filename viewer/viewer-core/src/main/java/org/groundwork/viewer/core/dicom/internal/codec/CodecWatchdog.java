package org.groundwork.viewer.core.dicom.internal.codec;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.groundwork.viewer.core.BadInputException;

/**
 * Runs a third-party decoder with a deadline. Some codecs (jj2000 for JPEG 2000) can loop forever on
 * damaged data and never look at interrupts; such a decode is abandoned and reported as bad input,
 * and the stuck thread is stopped where the runtime still allows it.
 */
final class CodecWatchdog {
    /** Seconds allowed per frame, plus as many again per megapixel; a system property can lower it. */
    private static final double BASE_SECONDS = Double.parseDouble(System.getProperty("groundwork.codec.timeoutSeconds", "20"));

    interface Decode {
        DecodedImage run() throws BadInputException;
    }

    private CodecWatchdog() {
    }

    static DecodedImage run(Decode decode, long pixels, Path file) throws BadInputException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(decode.run());
            } catch (BadInputException | RuntimeException | Error e) {
                outcome.set(e);
            }
        }, "groundwork-codec");
        worker.setDaemon(true);
        worker.start();
        long millis = (long) (1000 * BASE_SECONDS * (1 + pixels / 1e6));
        try {
            worker.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        if (worker.isAlive()) {
            stop(worker);
            throw new BadInputException(file, "the compressed frame could not be decoded within "
                    + millis / 1000 + " s; the data is probably damaged");
        }
        Object result = outcome.get();
        if (result instanceof BadInputException bad) {
            throw bad;
        }
        if (result instanceof RuntimeException r) {
            throw r;
        }
        if (result instanceof Error e) {
            throw e;
        }
        return (DecodedImage) result;
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            worker.stop(); // the only way to end a codec that spins without checking interrupts
        } catch (UnsupportedOperationException | SecurityException ignored) {
            // newer runtimes: the daemon thread is abandoned
        }
    }
}
