package org.groundwork.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.application.Application;
import org.groundwork.app.GroundworkApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code groundwork open}: starts the workstation showing the given files or folder. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Start the workstation and open DICOM or NIfTI files or folders in the viewer.")
final class OpenCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    private List<Path> paths;

    @Override
    public Integer call() {
        Application.launch(GroundworkApp.class, paths.stream().map(Path::toString).toArray(String[]::new));
        return 0;
    }
}
