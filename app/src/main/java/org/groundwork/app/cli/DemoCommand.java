package org.groundwork.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.app.GroundworkApp;
import org.groundwork.app.demo.DemoProject;
import org.groundwork.viewer.core.LoadMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groundwork demo}: makes the demo project when it does not exist yet and opens the workstation on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Make the demo project (six synthetic knee MRIs as DICOM, two annotated as examples) in "
                + "~/Groundwork Demo if it is not there yet, print its folder and open the workstation on it.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reset", description = "delete the demo project and its images first, and make them anew")
    private boolean reset;

    @Option(names = "--no-window", description = "only make the demo project and print its folder")
    private boolean noWindow;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = DemoProject.folder();
        Path project;
        try {
            if (reset) {
                DemoProject.reset(folder);
            }
            project = DemoProject.ensure(folder, new LoadMonitor() {
                @Override
                public void progress(long done, long total, String message) {
                    err.println(message);
                    err.flush();
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            });
        } catch (ProjectException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        out.println("Demo project: " + project);
        out.flush();
        return noWindow ? 0 : GroundworkApp.launch(err, project.toString());
    }
}
