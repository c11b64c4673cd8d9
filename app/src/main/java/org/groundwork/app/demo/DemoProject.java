package org.groundwork.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.app.FileTrees;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.dicom.DicomSeriesWriter;

/**
 * A project to try Groundwork on without data of one's own: six knee MRIs from the phantom generator,
 * written as DICOM series with the attributes a PACS export has (synthetic patients), imported the
 * way a user imports a study, on the knee-mri protocol; the first two are annotated as examples
 * ({@link DemoAnnotations}). Made once, in the user's home folder by default.
 */
public final class DemoProject {
    /** System property naming another folder for the demo (tests use it). */
    public static final String FOLDER_PROPERTY = "groundwork.demo.dir";
    /** System property: "coarse" makes the demo on a small grid (tests use it; the default is the realistic grid). */
    public static final String GRID_PROPERTY = "groundwork.demo.grid";
    public static final int CASES = 6;
    public static final int ANNOTATED = 2;
    private static final String[] PATIENTS = {"Avery", "Blake", "Casey", "Devon", "Emery", "Finley"};

    private DemoProject() {
    }

    public static Path folder() {
        return Path.of(System.getProperty(FOLDER_PROPERTY,
                Path.of(System.getProperty("user.home"), "Groundwork Demo").toString()));
    }

    /** The project inside a demo folder. */
    public static Path project(Path folder) {
        return folder.resolve("knee-demo-project");
    }

    public static boolean exists(Path folder) {
        return Files.exists(project(folder).resolve(SqliteProjectStore.DATABASE));
    }

    /** The demo project's folder, making it first when it does not exist yet. */
    public static Path ensure(Path folder, LoadMonitor monitor) throws ProjectException, IOException {
        Path project = project(folder);
        if (exists(folder)) {
            return project;
        }
        KneePhantom.Grid grid = "coarse".equals(System.getProperty(GRID_PROPERTY))
                ? KneePhantom.Grid.coarse(128, 128, 48) : KneePhantom.Grid.REALISTIC;
        Protocol protocol = ProtocolReader.builtIn("knee-mri");
        Path images = folder.resolve("images");
        FileTrees.delete(images); // what an interrupted earlier attempt left
        FileTrees.delete(project);
        KneePhantom.Knee[] examples = new KneePhantom.Knee[ANNOTATED];
        for (int n = 0; n < CASES; n++) {
            if (monitor.cancelled()) {
                throw new ProjectException(project, "making the demo project was cancelled");
            }
            monitor.progress(n, CASES + 1, "Making demo knee " + (n + 1) + " of " + CASES + "…");
            KneePhantom.Knee knee = KneePhantom.generate(n + 1, grid, protocol);
            DicomSeriesWriter.write(knee.volume(), series(n, knee), images.resolve(String.format(Locale.ROOT, "knee-%02d", n + 1)));
            if (n < ANNOTATED) {
                examples[n] = knee;
            }
        }
        monitor.progress(CASES, CASES + 1, "Importing the demo knees…");
        try (ProjectStore store = SqliteProjectStore.openOrCreate(project, protocol)) {
            ProjectImporter.importFolders(store, List.of(images), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
            for (int n = 0; n < ANNOTATED; n++) {
                int number = n + 1;
                String seriesUid = DicomSeriesWriter.uid("groundwork-demo-series-" + number);
                CaseRecord record = store.cases().stream().filter(c -> seriesUid.equals(c.seriesUid())).findFirst()
                        .orElseThrow(() -> new ProjectException(project, "demo knee " + number + " was not imported"));
                DemoAnnotations.annotate(store, record.id(), examples[n], protocol);
            }
        }
        monitor.progress(CASES + 1, CASES + 1, "Demo project ready");
        return project;
    }

    /** Removes the demo (project and images), so that the next {@link #ensure} makes it anew. */
    public static void reset(Path folder) throws IOException {
        FileTrees.delete(project(folder));
        FileTrees.delete(folder.resolve("images"));
    }

    private static DicomSeriesWriter.Series series(int n, KneePhantom.Knee knee) {
        String id = String.format(Locale.ROOT, "GWDEMO-%03d", n + 1);
        boolean right = knee.findings().rightKnee();
        return new DicomSeriesWriter.Series("Phantom^" + PATIENTS[n], id, String.format(Locale.ROOT, "19%02d0%d15", 50 + 5 * n, 1 + n),
                n % 2 == 0 ? "F" : "M", "ACC" + (1000 + n), "Groundwork Demo Hospital", "Referrer^Demo",
                String.format(Locale.ROOT, "202601%02d", 5 + 3 * n), "093000", "MRI knee " + (right ? "right" : "left"),
                DicomSeriesWriter.uid("groundwork-demo-study-" + (n + 1)),
                "Sag 3D DESS WE " + (right ? "R" : "L"), 3, DicomSeriesWriter.uid("groundwork-demo-series-" + (n + 1)),
                DicomSeriesWriter.uid("groundwork-demo-frame-" + (n + 1)), "KNEE", right ? "R" : "L");
    }
}
