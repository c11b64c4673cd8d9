package org.groundwork.app.assist;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.groundwork.app.FileTrees;

/**
 * A trained model's folder as one archive for the project store, and back. The folder is flat, so an
 * archive whose entries name folders, or that unpacks to more than a model could hold, is refused.
 */
final class ModelArchive {
    private static final int MAX_FILES = 16;
    private static final long MAX_BYTES = 1L << 30;

    private ModelArchive() {
    }

    static byte[] pack(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Unpacks into {@code folder}, replacing what was there only once the whole archive is out. */
    static void unpack(byte[] archive, Path folder) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, folder.getFileName() + ".partial");
        try {
            long total = 0;
            int count = 0;
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    String name = entry.getName();
                    if (entry.isDirectory() || name.isEmpty() || name.contains("/") || name.contains("\\")
                            || name.equals("..") || name.equals(".") || ++count > MAX_FILES) {
                        throw new IOException("the archive is not a model's folder (entry \"" + name + "\")");
                    }
                    total += copyAtMost(zip, partial.resolve(name), MAX_BYTES - total);
                }
            }
            if (count == 0) {
                throw new IOException("the archive holds no file");
            }
            FileTrees.delete(folder);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(partial);
        }
    }

    private static long copyAtMost(InputStream in, Path to, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (var out = Files.newOutputStream(to)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                written += n;
                if (written > limit) {
                    throw new IOException("the archive unpacks to more than " + (MAX_BYTES >> 20) + " MB");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }
}
