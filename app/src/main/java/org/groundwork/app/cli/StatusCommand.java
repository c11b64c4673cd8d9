package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.storage.DataRoots;
import org.groundwork.storage.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork status}: what a project holds and how far its annotation has come. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Cases by status, edits by user and active time spent. Opens the project read-only, so it "
                + "works while the project is open in the workstation.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder or postgresql:// address")
    private String project;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = ProjectStore.open(project, true)) {
            ProjectRepository.ProjectSummary s = store.summary();
            out.printf("%s: %d case(s), %d box(es), %s of active annotation time%n", store.name(), s.cases(), s.boxes(),
                    duration(s.activeSeconds()));
            out.printf("protocol: %s (%s, version %d)%n", store.protocol().name(), store.protocol().id(),
                    store.protocol().version());
            for (CaseStatus status : CaseStatus.values()) {
                out.printf("  %-13s %d%n", status.name().toLowerCase(Locale.ROOT).replace('_', ' '), s.byStatus().get(status));
            }
            if (!s.editsByUser().isEmpty()) {
                out.println("edits by user:");
                for (Map.Entry<String, Integer> e : s.editsByUser().entrySet()) {
                    out.printf("  %-13s %d%n", e.getKey(), e.getValue());
                }
            }
            out.println("data roots:");
            for (DataRoots.DataRoot root : DataRoots.list(store)) {
                out.printf("  %s: %d file(s)%s%n", root.path(), root.files(),
                        root.missing() == 0 ? "" : ", " + root.missing() + " missing (moved? see `groundwork relocate`)");
            }
            out.flush();
            return 0;
        } catch (ProjectException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }

    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds / 60 % 60);
    }
}
