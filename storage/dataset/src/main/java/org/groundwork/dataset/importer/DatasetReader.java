package org.groundwork.dataset.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groundwork.annotate.core.protocol.Protocol;

/** Reads a dataset made elsewhere into readings, each bad record reported and the rest kept. */
public final class DatasetReader {
    private DatasetReader() {
    }

    /**
     * @param path the dataset's file, or its folder (Groundwork's export)
     * @throws IOException when the file itself cannot be read at all
     */
    public static DatasetReadResult read(Path path, DatasetFormat format, Protocol protocol) throws IOException {
        Path file = DatasetFormat.file(path);
        return switch (format) {
            case GROUNDWORK -> QuintupleReader.read(file);
            case REASONKNEE -> ReasonKneeReader.read(file, protocol);
            case SLICER -> SlicerReader.read(Files.isDirectory(path) && Files.isDirectory(path.resolve("markups"))
                    ? path.resolve("markups") : path, protocol);
            case MONAI -> MonaiReader.read(file, protocol);
        };
    }
}
