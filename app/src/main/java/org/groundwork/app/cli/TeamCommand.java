package org.groundwork.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.PostgresLocation;
import org.groundwork.storage.PostgresProjectStore;
import org.groundwork.storage.TeamRoles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork team}: the members of a shared project and their roles, kept by the server. */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = "Members of a shared (PostgreSQL) project. A reader reads and writes only their own answers, "
                + "an adjudicator all answers, an admin also cases, readers and settings; the server enforces it.",
        subcommands = {TeamCommand.Add.class, TeamCommand.List.class})
final class TeamCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static PostgresLocation location(String url) throws ProjectException {
        return PostgresLocation.parse(url, "the project address");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a member who signs in as NAME. Run it as the project's owner or an admin.")
    static final class Add implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "POSTGRESQL_URL")
        private String url;

        @Parameters(index = "1", paramLabel = "NAME")
        private String name;

        @Option(names = "--role", required = true, description = "reader, adjudicator or admin")
        private String role;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "a file holding the member's first password (sent to the server only as a SCRAM verifier)")
        private Path passwordFile;

        @Override
        public Integer call() {
            try (PostgresProjectStore store = PostgresProjectStore.open(location(url), false,
                    PostgresProjectStore.DEFAULT_LEASE)) {
                TeamRoles.Role r;
                try {
                    r = TeamRoles.Role.valueOf(role.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ProjectException(store.name(), "no role \"" + role + "\"; take reader, adjudicator or admin", e);
                }
                char[] password = Files.readString(passwordFile).strip().toCharArray();
                boolean created = TeamRoles.add(store, name, r, password);
                java.util.Arrays.fill(password, '\0');
                spec.commandLine().getOut().printf("%s added to %s as %s%s%n", name, store.name(),
                        r.name().toLowerCase(Locale.ROOT), created ? ""
                                : " (already a sign-in on this server: the password is the one it has)");
                spec.commandLine().getOut().flush();
                return 0;
            } catch (ProjectException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return GroundworkCommand.EXIT_BAD_INPUT;
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: " + passwordFile + ": cannot read (" + e.getMessage() + ")");
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the members and their roles.")
    static final class List implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "POSTGRESQL_URL")
        private String url;

        @Override
        public Integer call() {
            try (PostgresProjectStore store = PostgresProjectStore.open(location(url), true,
                    PostgresProjectStore.DEFAULT_LEASE)) {
                PrintWriter out = spec.commandLine().getOut();
                for (TeamRoles.Member m : TeamRoles.members(store)) {
                    out.printf("  %-20s %s%n", m.name(), m.role().name().toLowerCase(Locale.ROOT));
                }
                out.flush();
                return 0;
            } catch (ProjectException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
        }
    }
}
