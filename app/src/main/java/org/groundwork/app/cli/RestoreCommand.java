package org.groundwork.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.SqliteProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork restore}: puts the newest automatic backup in place of a damaged database. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Replace a damaged project database with its newest automatic backup (the damaged file is "
                + "kept beside it).")
final class RestoreCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT")
    private Path project;

    @Override
    public Integer call() {
        try {
            var restored = SqliteProjectStore.restoreLatestBackup(project);
            for (String skipped : restored.skipped()) {
                spec.commandLine().getOut().println("skipped damaged backup " + skipped);
            }
            spec.commandLine().getOut().println("restored " + project + " from " + restored.backup().getFileName());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ProjectException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }
}
