package org.groundwork.storage.dicomweb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local copies of PACS series: one folder per series, named by its Series Instance UID, one
 * file per instance named by its SOP Instance UID. Bounded in size: when a retrieval makes it
 * larger than its limit, the series used least recently go first (never the ones in use).
 */
public final class PacsCache {
    /** The default limit: 20 GB, about 400 series of 384 x 384 x 160 voxels. */
    public static final long DEFAULT_LIMIT = 20L << 30;
    private static final String LAST_USED = ".last-used";

    private final Path root;
    private final long limitBytes;

    public PacsCache(Path root, long limitBytes) {
        this.root = root;
        this.limitBytes = limitBytes;
    }

    /**
     * The folder the system property {@code groundwork.pacs.cache} names, else
     * {@code ~/.cache/groundwork/pacs} (or {@code $XDG_CACHE_HOME/groundwork/pacs}).
     */
    public static Path defaultRoot() {
        String configured = System.getProperty("groundwork.pacs.cache");
        return configured != null ? Path.of(configured) : org.groundwork.storage.UserFolders.cache().resolve("pacs");
    }

    /**
     * The files as this workstation has them. A PACS series is imported as a cache folder named by
     * its Series Instance UID: a file that is not where the project says, in a folder named by one
     * of {@code seriesUids}, is taken from this cache instead.
     */
    public List<Path> locate(List<Path> files, java.util.Set<String> seriesUids) {
        return files.stream().map(f -> {
            String folder = f.getParent() == null || f.getParent().getFileName() == null ? ""
                    : f.getParent().getFileName().toString();
            return Files.isRegularFile(f) || !seriesUids.contains(folder) ? f : folderOf(folder).resolve(f.getFileName());
        }).toList();
    }

    public Path root() {
        return root;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** The folder of a series (not created). */
    public Path folderOf(String seriesUid) {
        if (!seriesUid.matches("[0-9.]{1,64}")) {
            throw new IllegalArgumentException("not a DICOM UID: " + seriesUid);
        }
        return root.resolve(seriesUid);
    }

    /** How many instances of a series are cached (files named by their SOP Instance UID). */
    public int instancesIn(String seriesUid) {
        try (Stream<Path> files = Files.list(folderOf(seriesUid))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("[0-9.]+\\.dcm")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Marks a series as just used, so that it is the last to be evicted. */
    public void touch(String seriesUid) throws IOException {
        Path marker = folderOf(seriesUid).resolve(LAST_USED);
        Files.createDirectories(marker.getParent());
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
    }

    /** Bytes held now. */
    public long size() throws IOException {
        return seriesSizes().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each series folder with the bytes it holds, walked once. */
    private java.util.Map<Path, Long> seriesSizes() throws IOException {
        java.util.Map<Path, Long> sizes = new java.util.LinkedHashMap<>();
        if (Files.isDirectory(root)) {
            for (Path series : seriesFolders()) {
                sizes.put(series, sizeOf(series));
            }
        }
        return sizes;
    }

    /**
     * Deletes the least recently used series until the cache fits its limit, keeping {@code inUse}.
     *
     * @return the Series Instance UIDs evicted
     */
    public List<String> evict(java.util.Set<String> inUse) throws IOException {
        List<String> evicted = new ArrayList<>();
        java.util.Map<Path, Long> sizes = seriesSizes();
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        if (total <= limitBytes) {
            return evicted;
        }
        List<Path> byAge = new ArrayList<>(sizes.keySet());
        byAge.sort(Comparator.comparing(PacsCache::lastUsed));
        for (Path series : byAge) {
            if (total <= limitBytes) {
                break;
            }
            String uid = series.getFileName().toString();
            if (inUse.contains(uid)) {
                continue;
            }
            deleteTree(series);
            total -= sizes.get(series);
            evicted.add(uid);
        }
        return evicted;
    }

    /** {@link #evict}, for after a retrieval: a cache that cannot be trimmed must not fail the import. */
    public List<String> evictQuietly(java.util.Set<String> inUse) {
        try {
            return evict(inUse);
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private List<Path> seriesFolders() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).toList();
        }
    }

    private static FileTime lastUsed(Path series) {
        try {
            Path marker = series.resolve(LAST_USED);
            return Files.getLastModifiedTime(Files.exists(marker) ? marker : series);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
