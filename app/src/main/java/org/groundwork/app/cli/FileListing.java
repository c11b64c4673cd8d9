package org.groundwork.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Names many files in few lines: one line per folder, "N file(s) in DIR: a, b, c". */
final class FileListing {
    private FileListing() {
    }

    static List<String> byFolder(List<Path> files) {
        Map<Path, List<String>> names = new LinkedHashMap<>();
        for (Path f : files) {
            Path parent = f.toAbsolutePath().getParent();
            names.computeIfAbsent(parent, p -> new ArrayList<>()).add(f.getFileName().toString());
        }
        return names.entrySet().stream()
                .map(e -> e.getValue().size() + " file(s) in " + e.getKey() + ": " + e.getValue().stream().sorted()
                        .collect(Collectors.joining(", ")))
                .toList();
    }
}
