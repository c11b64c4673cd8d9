package org.groundwork.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.app.project.DatasetImport;
import org.groundwork.dataset.importer.DatasetFormat;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork import-dataset}: a dataset made elsewhere, as readings to review, correct and adjudicate. */
@Command(name = "import-dataset", mixinStandardHelpOptions = true,
        description = "Import a dataset for review: Groundwork's own export (a folder with quintuples.jsonl) or "
                + "3DReasonKnee-style records (JSON or JSON lines with image, question and an answer ending in "
                + "\"Final diagnosis:\" JSON). Its images become cases and each record a reading by "
                + "\"imported: <file>\". Every record left out is listed with the reason. The project is created "
                + "(knee protocol) when missing.")
final class ImportDatasetCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "the project folder")
    private Path project;

    @Parameters(index = "1", paramLabel = "DATASET", description = "the dataset's folder or records file")
    private Path dataset;

    @Option(names = "--format", paramLabel = "FORMAT", description = "groundwork or reasonknee (default: guessed from the file)")
    private String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ProjectStore store = SqliteProjectStore.openOrCreate(project, ProtocolReader.builtIn("knee-mri"))) {
            DatasetFormat chosen = format == null ? DatasetFormat.detect(dataset) : DatasetFormat.byId(format);
            DatasetImport.Report report = DatasetImport.run(store, dataset, chosen,
                    new ImportCommand.ProgressPrinter(err, "Reading image headers"));
            var written = report.written();
            out.printf("read %d reading(s) from %s (%s); %d new case(s) with %d image(s), %d image(s) already in the "
                            + "project; wrote %d reading(s): %d box(es), %d step(s), %d grade(s)%n",
                    report.read().readings().size(), dataset, chosen.id(), report.images().newCases(),
                    report.images().newImages(), report.images().alreadyPresent(), written.readings(), written.boxes(),
                    written.steps(), written.grades());
            report.leftOut().forEach(out::println);
            out.flush();
            return written.readings() == 0 && report.read().readings().isEmpty() ? GroundworkCommand.EXIT_BAD_INPUT : 0;
        } catch (IllegalArgumentException | IOException | ProjectException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }
}
