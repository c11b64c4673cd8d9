package org.groundwork.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.DataRoots;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork relocate}: re-points a data root whose images were moved. */
@Command(name = "relocate", mixinStandardHelpOptions = true,
        description = "Point a project's data root at the folder its images were moved to. Refused, changing "
                + "nothing, when none of its files is there. `status` lists the data roots.")
final class RelocateCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT")
    private Path project;

    @Parameters(index = "1", paramLabel = "OLD_ROOT")
    private Path oldRoot;

    @Parameters(index = "2", paramLabel = "NEW_ROOT")
    private Path newRoot;

    @Override
    public Integer call() {
        try (ProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            DataRoots.relocate(store, oldRoot, newRoot);
            for (DataRoots.DataRoot root : DataRoots.list(store)) {
                spec.commandLine().getOut().printf("%s: %d file(s), %d missing%n", root.path(), root.files(), root.missing());
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ProjectException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }
}
