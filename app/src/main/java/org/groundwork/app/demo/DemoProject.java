package org.groundwork.app.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.nifti.NiftiWriter;

/**
 * A project to try Groundwork on without data of one's own: two synthetic knees ({@link KneePhantom})
 * imported into a project on the knee protocol. Made once, in the user's home folder by default.
 */
public final class DemoProject {
    /** System property naming another folder for the demo (tests use it). */
    public static final String FOLDER_PROPERTY = "groundwork.demo.dir";

    private DemoProject() {
    }

    public static Path folder() {
        return Path.of(System.getProperty(FOLDER_PROPERTY,
                Path.of(System.getProperty("user.home"), "Groundwork Demo").toString()));
    }

    /** The demo project's folder, making it first when it does not exist yet. */
    public static Path ensure(Path folder) throws BadInputException, ProjectException {
        Path project = folder.resolve("knee-demo-project");
        if (Files.exists(project.resolve(SqliteProjectStore.DATABASE))) {
            return project;
        }
        Path images = folder.resolve("images");
        for (int n = 0; n < 2; n++) {
            NiftiWriter.write(KneePhantom.knee(n), images.resolve("demo-knee-" + (n + 1) + ".nii.gz"));
        }
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.importFolders(store, List.of(images), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
        }
        return project;
    }
}
