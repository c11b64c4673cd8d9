package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.ProjectStore;
import org.groundwork.dataset.export.DatasetExporter;
import org.groundwork.dataset.export.ExportFormat;
import org.groundwork.dataset.export.ExportOptions;
import org.groundwork.dataset.export.ExportReport;
import org.groundwork.viewer.core.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork export}: a project as a de-identified dataset in the formats ML teams load. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a project as a dataset: NIfTI volumes plus the chosen formats and a dataset card, "
                + "de-identified, written to a temporary folder and renamed into place when complete. Opens the "
                + "project read-only, so it works while the project is open.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "the project folder or shared project address")
    private String project;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the dataset folder (new or empty)")
    private Path out;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "quintuples",
            description = "quintuples, nifti (label masks), monai, slicer, coco, sft, or all; comma-separated "
                    + "(default: ${DEFAULT-VALUE})")
    private List<String> formats;

    @Option(names = "--split", split = ",", paramLabel = "TRAIN,VAL,TEST", defaultValue = "0.8,0.1,0.1",
            description = "shares of patients per split (default: ${DEFAULT-VALUE})")
    private List<Double> split;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the patient shuffle (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--only-complete", description = "leave out cases with any incomplete question")
    private boolean onlyComplete;

    @Option(names = "--sft-style", defaultValue = "llava", paramLabel = "STYLE",
            description = "llava or qwen2.5 (default: ${DEFAULT-VALUE})")
    private String sftStyle;

    @Option(names = "--readings", defaultValue = "all", paramLabel = "consensus|all|reader:NAME",
            description = "for cases read by several readers: every reading, the adjudicated consensus (a case not "
                    + "adjudicated yet is left out and listed), or one reader's (default: ${DEFAULT-VALUE})")
    private String readings;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<ExportFormat> chosen = EnumSet.noneOf(ExportFormat.class);
        for (String f : formats) {
            if (f.strip().equalsIgnoreCase("all")) {
                chosen.addAll(EnumSet.allOf(ExportFormat.class));
            } else if (ExportFormat.of(f) == null) {
                err.println("error: unknown format \"" + f + "\" (quintuples, nifti, monai, slicer, coco, sft, all)");
                return GroundworkCommand.EXIT_BAD_INPUT;
            } else {
                chosen.add(ExportFormat.of(f));
            }
        }
        ExportOptions options;
        try {
            options = new ExportOptions(this.out, chosen, split.stream().mapToDouble(Double::doubleValue).toArray(), seed,
                    onlyComplete, sftStyle, readings);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        try (ProjectStore store = ProjectStore.open(project, true)) {
            ExportReport report = DatasetExporter.export(store, options, new ImportCommand.ProgressPrinter(err, "Exporting"));
            out.printf("exported %d case(s) of %d patient(s): %d record(s), %d file(s) in %s%n", report.cases(),
                    report.patients(), report.records(), report.files(), report.target());
            out.printf(java.util.Locale.ROOT, "time: volumes %.1f s, records and card %.1f s%n",
                    report.timings().volumesMillis() / 1e3, report.timings().recordsMillis() / 1e3);
            report.problems().forEach(p -> out.println("note: " + p));
            out.flush();
            return report.cases() == 0 ? GroundworkCommand.EXIT_BAD_INPUT : 0;
        } catch (BadInputException e) {
            return BadInputReporting.report(err, e);
        } catch (ProjectException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }
}
