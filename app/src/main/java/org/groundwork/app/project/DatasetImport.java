package org.groundwork.app.project;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.dataset.importer.DatasetFormat;
import org.groundwork.dataset.importer.DatasetReadResult;
import org.groundwork.dataset.importer.DatasetReader;
import org.groundwork.dataset.importer.ReadingWriter;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.ProjectStore;
import org.groundwork.viewer.core.LoadMonitor;

/**
 * File → Import Dataset… and {@code groundwork import-dataset}: a dataset made elsewhere becomes
 * readings to review. Its records are read, the images they name are imported as cases (from their
 * headers, like any import), and each record is written as a reading by "imported: <file>".
 */
public final class DatasetImport {
    /** What each step did; every record left out is in {@code read.skipped()} or {@code written.skipped()}. */
    public record Report(DatasetFormat format, DatasetReadResult read, ProjectImporter.Report images,
                         ReadingWriter.Result written) {
        /** Every record and file left out, a line each: "skipped: <where>: <reason>" or "unreadable: <file>: <reason>". */
        public List<String> leftOut() {
            List<String> lines = new java.util.ArrayList<>();
            read.skipped().forEach(s -> lines.add("skipped: " + s.where() + ": " + s.reason()));
            written.skipped().forEach(s -> lines.add("skipped: " + s.where() + ": " + s.reason()));
            images.unreadable().forEach(f -> lines.add("unreadable: " + f.file() + ": " + f.reason()));
            return lines;
        }
    }

    private DatasetImport() {
    }

    public static Report run(ProjectStore store, Path dataset, DatasetFormat format, LoadMonitor monitor)
            throws IOException, ProjectException {
        DatasetReadResult read = DatasetReader.read(dataset, format, store.protocol());
        List<Path> folders = read.readings().stream().map(r -> r.image().toAbsolutePath().getParent()).distinct().toList();
        ProjectImporter.Report images = ProjectImporter.importFolders(store, folders, ProjectImporter.Grouping.VOLUME, monitor);
        ReadingWriter.Result written = ReadingWriter.write(store, read.readings(), images.caseOfFile(), Instant.now());
        return new Report(format, read, images, written);
    }
}
