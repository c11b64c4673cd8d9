package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.groundwork.viewer.core.nifti.NiftiWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork convert}: one series (or NIfTI volume) to a {@code .nii.gz} file. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert one DICOM series (or NIfTI volume) to NIfTI (.nii.gz) with the exact affine.")
final class ConvertCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "DICOM folder or file, or a NIfTI file")
    private Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "the .nii.gz file to write")
    private Path output;

    @Option(names = "--series", paramLabel = "N",
            description = "which volume to convert when the input holds several (1-based, as `info` numbers them)")
    private Integer series;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nii.gz")) {
            err.println("error: " + output + ": the output name must end in .nii.gz");
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        ScanResult result = new VolumeScanner().scan(List.of(input), LoadMonitor.NONE);
        List<Volume> volumes = result.volumes();
        if (volumes.isEmpty()) {
            BadInputReporting.listFailures(err, result);
            err.println("error: " + input + ": no readable volume found");
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        if (series == null && volumes.size() > 1) {
            err.println("error: " + input + ": holds " + volumes.size()
                    + " volumes; choose one with --series N (see `groundwork info`)");
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        int index = series == null ? 1 : series;
        if (index < 1 || index > volumes.size()) {
            err.println("error: " + input + ": --series " + index + " is not between 1 and " + volumes.size());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        Volume volume = volumes.get(index - 1);
        try {
            NiftiWriter.write(volume, output);
        } catch (BadInputException e) {
            return BadInputReporting.report(err, e);
        }
        volume.warnings().forEach(w -> err.println("warning: " + w));
        out.printf(Locale.ROOT, "wrote %s (%d x %d x %d)%n", output, volume.nx(), volume.ny(), volume.nz());
        out.flush();
        return 0;
    }
}
