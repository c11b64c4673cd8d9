package org.groundwork.storage.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PACS cache stays within its limit by evicting the series used least recently, never one in use. */
class PacsCacheTest {
    @TempDir
    Path tmp;

    private static void series(PacsCache cache, String uid, int bytes, long usedSecondsAgo) throws Exception {
        Path folder = Files.createDirectories(cache.folderOf(uid));
        Files.write(folder.resolve("1.2.3.dcm"), new byte[bytes]);
        cache.touch(uid);
        Files.setLastModifiedTime(folder.resolve(".last-used"), FileTime.from(Instant.now().minusSeconds(usedSecondsAgo)));
    }

    @Test
    void theLeastRecentlyUsedSeriesGoFirstUntilTheCacheFits() throws Exception {
        PacsCache cache = new PacsCache(tmp, 2500);
        series(cache, "1.1", 1000, 300);
        series(cache, "1.2", 1000, 100);
        series(cache, "1.3", 1000, 200);
        series(cache, "1.4", 1000, 400);
        assertEquals(4000, cache.size());
        List<String> evicted = cache.evict(Set.of("1.4"));
        assertEquals(List.of("1.1", "1.3"), evicted, "oldest first, the one in use kept");
        assertTrue(Files.isDirectory(cache.folderOf("1.4")));
        assertTrue(Files.isDirectory(cache.folderOf("1.2")));
        assertFalse(Files.exists(cache.folderOf("1.1")));
        assertEquals(2000, cache.size());
        assertEquals(List.of(), cache.evict(Set.of()), "within its limit: nothing to do");
    }

    @Test
    void onlyUidsNameFolders() {
        PacsCache cache = new PacsCache(tmp, 1);
        assertThrows(IllegalArgumentException.class, () -> cache.folderOf("../../etc"));
        assertThrows(IllegalArgumentException.class, () -> cache.folderOf(""));
    }
}
