package org.groundwork.dataset.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The kinds of dataset Groundwork reads for review. */
public enum DatasetFormat {
    /** Groundwork's own export: {@code quintuples.jsonl} beside its {@code images/}. */
    GROUNDWORK,
    /** 3DReasonKnee-style records: image, question, answer with "Final diagnosis:" JSON. */
    REASONKNEE,
    /** 3D Slicer markups: ROIs in {@code .mrk.json} files, a file or a folder of them. */
    SLICER,
    /** A MONAI (Decathlon) datalist, {@code dataset.json}, with boxes or label maps. */
    MONAI;

    /** The format's name on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatasetFormat byId(String id) {
        for (DatasetFormat f : values()) {
            if (f.id().equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown dataset format " + id + "; known: groundwork, reasonknee, slicer, monai");
    }

    /** The file a path means: a folder's {@code quintuples.jsonl}, else its {@code dataset.json}, or the path itself. */
    static Path file(Path path) {
        for (String name : List.of("quintuples.jsonl", "dataset.json")) {
            if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(name))) {
                return path.resolve(name);
            }
        }
        return path;
    }

    private static boolean holdsMarkups(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".mrk.json"));
        }
    }

    /** Guesses the format from the file: Groundwork's records carry {@code voxel_min}, others an answer. */
    public static DatasetFormat detect(Path path) throws IOException {
        if (path.getFileName().toString().endsWith(".mrk.json") || Files.isDirectory(path)
                && !Files.isRegularFile(file(path)) && (Files.isDirectory(path.resolve("markups")) || holdsMarkups(path))) {
            return SLICER;
        }
        Path file = file(path);
        if (!Files.isRegularFile(file)) {
            throw new IOException(path + ": no dataset file here (expected quintuples.jsonl or a JSON file of records)");
        }
        String head;
        try (var in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(1 << 16), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (file.getFileName().toString().equals("quintuples.jsonl") || head.contains("\"voxel_min\"")) {
            return GROUNDWORK;
        }
        if (head.contains("\"answer\"") || head.contains("\"generated_text\"")) {
            return REASONKNEE;
        }
        if (head.contains("\"training\"") || head.contains("\"numTraining\"")) {
            return MONAI;
        }
        throw new IOException(file + ": not a dataset Groundwork reads (no quintuples and no records with an answer)");
    }
}
