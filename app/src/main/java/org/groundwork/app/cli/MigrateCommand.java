package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.PostgresLocation;
import org.groundwork.storage.PostgresProjectStore;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.ProjectTransfer;
import org.groundwork.storage.SqliteProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork migrate}: moves a project between a folder and a PostgreSQL server. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy a whole project from a folder to a PostgreSQL database, or back, and verify every table "
                + "by its row count and a SHA-256 of its rows. The source is only read. The target must be empty: "
                + "a new folder, or a database with no cases.",
            "A server is written postgresql://user@host:port/database[?sslmode=require]; the password comes from "
                + "~/.pgpass (or the file PGPASSFILE names), never from the command line."})
final class MigrateCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FROM", description = "project folder or postgresql:// address")
    private String from;

    @Parameters(index = "1", paramLabel = "TO", description = "new project folder or postgresql:// address")
    private String to;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore source = ProjectStore.open(from, true); ProjectStore target = create(to, source)) {
            List<ProjectTransfer.TableCheck> checks = ProjectTransfer.copy(source, target);
            for (ProjectTransfer.TableCheck check : checks) {
                out.printf("  %-16s %8d row(s)  sha256 %s%n", check.table(), check.rows(), check.sha256().substring(0, 16));
            }
            out.printf("%s -> %s: %d table(s) copied and verified%n", source.name(), target.name(), checks.size());
            out.flush();
            return 0;
        } catch (ProjectException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }

    /** The target, made for the source's protocol; a folder must not hold a project already. */
    private static ProjectStore create(String where, ProjectStore source) throws ProjectException {
        if (PostgresLocation.isLocation(where)) {
            return PostgresProjectStore.openOrCreate(PostgresLocation.parse(where, "the target address"),
                    source.protocol());
        }
        Path folder = Path.of(where);
        if (Files.exists(folder.resolve(SqliteProjectStore.DATABASE))) {
            throw new ProjectException(folder, "already holds a project; a project is moved only into a new folder");
        }
        return SqliteProjectStore.openOrCreate(folder, source.protocol());
    }
}
