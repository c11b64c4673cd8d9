package org.groundwork.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.groundwork.app.GroundworkApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code groundwork open}: starts the workstation showing the given files or folder. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Start the workstation and open DICOM or NIfTI files or folders in the viewer, a project folder, "
                + "or a shared project (postgresql://user@host:port/database, the password from ~/.pgpass).")
final class OpenCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH") // kept as written: a postgresql:// address is no path
    private List<String> paths;

    @picocli.CommandLine.Option(names = "--screenshot", paramLabel = "PNG",
            description = "write the window to this PNG file once the first image is on screen, then quit "
                    + "(for installation checks)")
    private Path screenshot;

    @Override
    public Integer call() {
        List<String> args = new java.util.ArrayList<>();
        if (screenshot != null) {
            args.add(GroundworkApp.SCREENSHOT_OPTION + screenshot);
        }
        args.addAll(paths);
        return GroundworkApp.launch(spec.commandLine().getErr(), args.toArray(String[]::new));
    }
}
