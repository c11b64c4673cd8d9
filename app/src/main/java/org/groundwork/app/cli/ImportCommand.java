package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolException;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.FileOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork import}: folders of images into a project (created when missing). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import DICOM and NIfTI folders into a project, creating it when missing. Importing the same "
                + "data again changes nothing; every file is listed: read (with its series), unreadable or skipped "
                + "(with the reason).")
final class ImportCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "the project folder")
    private Path project;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FOLDER", description = "folders to import")
    private List<Path> folders;

    @Option(names = "--by-study", description = "one case per study instead of one per volume")
    private boolean byStudy;

    @Option(names = "--protocol", paramLabel = "ID|FILE", defaultValue = "knee-mri",
            description = "protocol of a project created now: a built-in one (${COMPLETION-CANDIDATES}) or a protocol "
                    + "JSON file (default: ${DEFAULT-VALUE}); an existing project keeps its own",
            completionCandidates = BuiltInProtocols.class)
    private String protocol;

    /** The ids of the built-in protocols, for the help text. */
    static final class BuiltInProtocols extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        BuiltInProtocols() {
            super(ProtocolReader.BUILT_IN);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Protocol chosen;
        try {
            chosen = ProtocolReader.BUILT_IN.contains(protocol) ? ProtocolReader.builtIn(protocol)
                    : ProtocolReader.read(Path.of(protocol));
        } catch (ProtocolException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project, chosen)) {
            if (store.clearedStaleLock() != null) {
                err.println("note: the project had been left open by a process that ended (" + store.clearedStaleLock() + ")");
            }
            ProjectImporter.Report report = ProjectImporter.importFolders(store, folders,
                    byStudy ? ProjectImporter.Grouping.STUDY : ProjectImporter.Grouping.VOLUME,
                    new ProgressPrinter(err, "Reading headers"));
            out.printf("imported %d new case(s) with %d image(s); %d image(s) were already in the project%n",
                    report.newCases(), report.newImages(), report.alreadyPresent());
            printFiles(out, report.files());
            out.flush();
            boolean nothingUsable = report.newImages() + report.alreadyPresent() == 0;
            return nothingUsable ? GroundworkCommand.EXIT_BAD_INPUT : 0;
        } catch (ProjectException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }

    /** Every file met, once: those read grouped by series and folder, the others one per line with why. */
    private static void printFiles(PrintWriter out, List<FileOutcome> files) {
        Map<String, List<Path>> readBySeries = new LinkedHashMap<>();
        for (FileOutcome f : files) {
            switch (f.kind()) {
                case READ -> readBySeries.computeIfAbsent(f.detail(), d -> new ArrayList<>()).add(f.file());
                case UNREADABLE -> out.println("unreadable: " + f.file() + ": " + f.detail());
                case SKIPPED -> out.println("skipped: " + f.file() + ": " + f.detail());
            }
        }
        readBySeries.forEach((series, read) ->
                FileListing.byFolder(read).forEach(line -> out.println("read (" + series + "): " + line)));
    }

    /** Prints progress to the error stream at most every two seconds. */
    static final class ProgressPrinter implements LoadMonitor {
        private final PrintWriter err;
        private final String label;
        private long lastPrint = System.nanoTime();

        ProgressPrinter(PrintWriter err, String label) {
            this.err = err;
            this.label = label;
        }

        @Override
        public synchronized void progress(long done, long total, String message) {
            long now = System.nanoTime();
            if (now - lastPrint > 2_000_000_000L) {
                err.printf("%s: %d of %d%n", message == null ? label : message, done, total);
                err.flush();
                lastPrint = now;
            }
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
