package org.groundwork.storage.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.groundwork.annotate.core.project.ProjectException;

/**
 * One writer per project. The lock file holds who has the project open (host, pid, since when)
 * and an operating-system lock on it, which the OS releases when that process dies, however it
 * dies. A lock file whose OS lock is free was left by a crashed process and is taken over.
 */
public final class ProjectLock implements AutoCloseable {
    private static final String FILE = "project.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String staleOwner;

    private ProjectLock(Path file, FileChannel channel, FileLock lock, String staleOwner) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.staleOwner = staleOwner;
    }

    public static ProjectLock acquire(Path projectDir) throws ProjectException {
        Path file = projectDir.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very process holds it
            }
            if (lock == null) {
                String owner = read(channel);
                channel.close();
                throw new ProjectException(projectDir, "the project is open in another Groundwork window ("
                        + (owner.isBlank() ? "unknown process" : owner) + "); close it there, or open this project read-only");
            }
            String previous = read(channel);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describeThisProcess().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new ProjectLock(file, channel, lock, previous.isBlank() ? null : previous);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ProjectException(projectDir, "cannot lock the project (" + e.getMessage()
                    + "); is the folder read-only? It can be opened read-only", e);
        }
    }

    /** "host example, pid 1234, since 2026-11-28T10:00:00Z" */
    static String describeThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "host " + host + ", pid " + ProcessHandle.current().pid() + ", since " + Instant.now();
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    /** Who held the lock before, when that process died without releasing it; null otherwise. */
    public String staleOwner() {
        return staleOwner;
    }

    @Override
    public void close() {
        try {
            channel.truncate(0); // an empty lock file means "closed properly"
            lock.release();
        } catch (IOException ignored) {
            // the OS releases the lock when the channel closes
        }
        closeQuietly(channel);
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an empty, unlocked lock file is harmless
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
