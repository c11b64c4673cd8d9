package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.app.assist.ProjectAssist;
import org.groundwork.app.assist.ProjectModels;
import org.groundwork.assist.AssistException;
import org.groundwork.storage.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork models}: the project's learnt models with their held-out IoU. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the project's trained models (oldest first; * marks the promoted one) with their mean 3D IoU "
                + "on held-out cases next to the atlas prior's, and with --regions the IoU per region. --use puts a "
                + "kept model in use for suggestions instead of the promoted one, such as an earlier model.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT")
    private String project;

    @Option(names = "--regions", description = "also the held-out IoU of each region")
    private boolean regions;

    @Option(names = "--use", paramLabel = "MODEL",
            description = "make this model the one suggestions come from (an adjudicator or admin of a shared project)")
    private String use;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = ProjectStore.open(project, use == null)) {
            ProjectModels models = new ProjectAssist(store, Clock.systemUTC()).models();
            if (use != null) {
                models.use(use);
                out.println(use + " is in use for suggestions from now on; the next training is compared with it");
            }
            var all = models.list();
            var uses = models.uses();
            var promotion = models.promotion();
            if (all.isEmpty()) {
                out.println("no trained model yet (`groundwork train " + project + "` trains one); suggestions come "
                        + "from the atlas prior");
            }
            for (ProjectModels.Saved s : all) {
                out.printf(Locale.ROOT, "%s %s  sha256 %s  trained %s%s on %d case(s), %d held out%n",
                        s.promoted() ? "*" : " ", s.name(), s.hash().substring(0, 16), s.trainedAt(),
                        " " + s.trainer(), s.trainingCases(),
                        s.heldOutCases());
                ProjectModels.inUseSince(s, promotion).ifPresent(since -> out.println("    " + since));
                s.heldOutIou().forEach((model, iou) -> out.printf(Locale.ROOT, "    held-out IoU %-30s %.3f%n", model, iou));
                out.println("    " + ProjectModels.useOf(s, uses));
                if (regions) {
                    s.perRegion().forEach((region, iou) -> out.printf(Locale.ROOT, "      %-34s %.3f%n", region, iou));
                }
            }
            out.flush();
            return 0;
        } catch (ProjectException | AssistException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }
}
