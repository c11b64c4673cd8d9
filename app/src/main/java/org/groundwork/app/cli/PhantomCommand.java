package org.groundwork.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.nifti.NiftiWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groundwork phantom}: phantom knees with their label maps as NIfTI, for training and testing models elsewhere. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
        description = "Write phantom knee MRIs as NIfTI with their label maps (knee-NNNN.nii.gz, knee-NNNN-labels.nii.gz) "
                + "and labels.json (label value to knee-mri region), for training and checking models outside Groundwork.")
final class PhantomCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    private Path out;

    @Option(names = "--count", defaultValue = "10", description = "how many knees (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--first-seed", defaultValue = "1", description = "seed of the first knee (default ${DEFAULT-VALUE})")
    private long firstSeed;

    @Option(names = "--grid", split = ",", paramLabel = "COLUMNS,ROWS,SLICES", defaultValue = "384,384,160",
            description = "voxels of the grid over the realistic field of view (default ${DEFAULT-VALUE})")
    private List<Integer> grid;

    @Override
    public Integer call() throws IOException {
        PrintWriter text = spec.commandLine().getOut();
        if (grid.size() != 3 || grid.stream().anyMatch(n -> n < 8 || n > 1024)) {
            spec.commandLine().getErr().println("error: --grid needs three sizes from 8 to 1024, e.g. 64,64,28");
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        Files.createDirectories(out);
        var protocol = ProtocolReader.builtIn("knee-mri");
        var g = KneePhantom.Grid.coarse(grid.get(0), grid.get(1), grid.get(2));
        try {
            for (int n = 0; n < count; n++) {
                KneePhantom.Knee knee = KneePhantom.generate(firstSeed + n, g, protocol);
                String name = String.format(Locale.ROOT, "knee-%04d", n + 1);
                NiftiWriter.write(knee.volume(), out.resolve(name + ".nii.gz"));
                Volume v = knee.volume();
                Volume labels = new Volume(v.nx(), v.ny(), v.nz(), new VoxelData.UInt8(knee.labels()), v.voxelToLps(), 1, 0,
                        VolumeInfo.of(name + " labels", "synthetic", "uint8"), List.of());
                NiftiWriter.write(labels, out.resolve(name + "-labels.nii.gz"));
                text.println(out.resolve(name + ".nii.gz") + "  " + (knee.findings().rightKnee() ? "right" : "left"));
            }
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        ObjectNode table = new ObjectMapper().createObjectNode();
        List<String> regions = KneePhantom.Knee.labelRegions();
        for (int value = 1; value < regions.size(); value++) {
            table.put(Integer.toString(value), regions.get(value));
        }
        Files.writeString(out.resolve("labels.json"), table.toPrettyString());
        text.flush();
        return 0;
    }
}
