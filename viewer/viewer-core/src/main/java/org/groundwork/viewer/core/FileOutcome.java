package org.groundwork.viewer.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What became of one input file: read (into which volume or series), refused (why) or skipped (why). */
public record FileOutcome(Path file, Kind kind, String detail) {
    /** In rising precedence: a file both read and refused (in part) is reported as refused. */
    public enum Kind { SKIPPED, READ, UNREADABLE }

    /**
     * One outcome per file, in the order first met: a file met twice (a multi-frame file in two
     * volumes, a folder and a file in it both given) keeps one line with every distinct detail.
     */
    public static List<FileOutcome> onePerFile(List<FileOutcome> outcomes) {
        Map<Path, FileOutcome> byFile = new LinkedHashMap<>();
        for (FileOutcome o : outcomes) {
            byFile.merge(o.file().toAbsolutePath().normalize(), o, FileOutcome::combine);
        }
        return new ArrayList<>(byFile.values());
    }

    private static FileOutcome combine(FileOutcome a, FileOutcome b) {
        Kind kind = a.kind.compareTo(b.kind) >= 0 ? a.kind : b.kind;
        String detail = a.detail.equals(b.detail) ? a.detail : a.detail + "; " + b.detail;
        return new FileOutcome(a.file, kind, detail);
    }
}
