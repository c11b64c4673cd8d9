package org.groundwork.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongConsumer;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears other sessions' edits of a shared project on a connection of its own: the server's
 * trigger sends "case-id session" on {@value #CHANNEL} at each commit. After the connection was
 * lost and made again, the consumer gets -1: notices may have been missed, so read everything.
 */
final class ChangeListener {
    static final String CHANNEL = "groundwork_cases";

    private ChangeListener() {
    }

    /** Starts listening; closing the handle stops it within one poll, without the caller waiting. */
    static AutoCloseable start(HikariDataSource pool, String ownSession, LongConsumer changed) {
        Thread listener = new Thread(() -> listen(pool, ownSession, changed), "groundwork-change-listener");
        listener.setDaemon(true);
        listener.start();
        return listener::interrupt;
    }

    private static void listen(HikariDataSource pool, String ownSession, LongConsumer changed) {
        boolean reconnected = false;
        while (!Thread.currentThread().isInterrupted() && !pool.isClosed()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                if (reconnected) {
                    changed.accept(-1);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!Thread.currentThread().isInterrupted()) {
                    PGNotification[] notices = pg.getNotifications(250);
                    for (PGNotification n : notices == null ? new PGNotification[0] : notices) {
                        String[] parts = n.getParameter().split(" ", 2);
                        if (parts.length == 2 && !parts[1].equals(ownSession)) {
                            changed.accept(Long.parseLong(parts[0]));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                reconnected = true;
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
