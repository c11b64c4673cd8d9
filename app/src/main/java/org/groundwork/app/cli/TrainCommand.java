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

/** {@code groundwork train}: the learner trained on the project's boxes and judged against the atlas and the promoted model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the learner (cnn-boxes) on the project's boxes, holding out about a fifth of the patients; "
                + "keep the checkpoint in the project and promote it only if its mean 3D IoU on the "
                + "held-out cases beats the atlas prior and the model promoted before.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT")
    private String project;

    @Option(names = "--epochs", defaultValue = "40", description = "passes over the training cases (default ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--resume", description = "continue from the latest checkpoint's weights instead of starting anew")
    private boolean resume;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ProjectStore store = ProjectStore.open(project, false)) {
            ProjectModels models = new ProjectAssist(store, Clock.systemUTC()).models();
            ProjectModels.Training result = models.train(epochs, resume, new ImportCommand.ProgressPrinter(err, "Training"));
            ProjectModels.Saved saved = result.checkpoint();
            if (result.resumedFrom() != null) {
                out.println("resumed from " + result.resumedFrom());
            }
            out.printf(Locale.ROOT, "trained on %d case(s), judged on %d held-out case(s) of other patients%n",
                    saved.trainingCases(), saved.heldOutCases());
            saved.heldOutIou().forEach((model, iou) -> out.printf(Locale.ROOT, "  %-40s mean IoU %.3f%n", model, iou));
            out.println(result.verdict());
            out.flush();
            return 0;
        } catch (ProjectException | AssistException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }
}
