package org.groundwork.storage;

import java.nio.file.Path;
import java.util.List;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;

/** Small projects for storage tests. */
final class TestProjects {
    private TestProjects() {
    }

    /** A closed project at {@code tmp/project} with one imported 4 x 4 x 2 series, one case. */
    static Path withOneCase(Path tmp) throws ProjectException {
        Path data = tmp.resolve("data");
        SyntheticSeries.write(data, DicomFileBuilder.EXPLICIT_LE, "1.2.3.9", 4, 4, 2, new double[] {0, 0, 0},
                SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        Path project = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.importFolders(store, List.of(data), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
        }
        return project;
    }
}
