package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.QuestionTemplate;
import org.groundwork.annotate.core.protocol.SeverityField;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.dataset.export.DatasetExporter;
import org.groundwork.dataset.export.ExportFormat;
import org.groundwork.dataset.export.ExportOptions;
import org.groundwork.dataset.export.ExportReport;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.nifti.NiftiWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code groundwork bench export}: a knee project of small volumes, each case with many fully
 * answered questions (box, three steps with evidence, every grade), exported as quintuples and SFT
 * conversations; reports the time to write the records apart from the volume conversion.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Time an export of a synthetic annotated project (default: 100 cases x 100 questions = "
                + "10,000 quintuples).")
final class ExportBenchmark implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--cases", defaultValue = "100")
    private int cases;

    @Option(names = "--questions", defaultValue = "100", description = "questions per case")
    private int questions;

    @Option(names = "--dir", description = "where to build the project (default: a temporary folder)")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("groundwork-bench-export");
        try {
            Path data = base.resolve("data");
            for (int n = 0; n < cases; n++) {
                NiftiWriter.write(volume(n), data.resolve("case-" + n + ".nii.gz"));
            }
            Path project = base.resolve("project");
            try (ProjectStore store = SqliteProjectStore.openOrCreate(project)) {
                ProjectImporter.importFolders(store, List.of(data), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
                for (var c : store.cases()) {
                    store.apply(new Edit.Batch(c.id(), annotations(c.id(), store.protocol())), "bench");
                }
            }
            for (int run = 1; run <= 3; run++) {
                try (ProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
                    long start = System.nanoTime();
                    ExportReport r = DatasetExporter.export(store, ExportOptions.of(base.resolve("dataset-" + run),
                            EnumSet.of(ExportFormat.QUINTUPLES, ExportFormat.SFT)), LoadMonitor.NONE);
                    out.printf(Locale.ROOT, "run %d: %d quintuples of %d cases: records and card %d ms, volumes %d ms, "
                            + "total %d ms%n", run, r.records(), r.cases(), r.timings().recordsMillis(),
                            r.timings().volumesMillis(), (System.nanoTime() - start) / 1_000_000);
                    out.flush();
                }
            }
            return 0;
        } finally {
            if (dir == null) {
                StoreBenchmarks.deleteTree(base);
            }
        }
    }

    private static Volume volume(int n) {
        short[] voxels = new short[32 * 32 * 16];
        for (int i = 0; i < voxels.length; i++) {
            voxels[i] = (short) ((i * 31 + n * 7) % 1000);
        }
        // A different origin per case: the importer recognises a NIfTI volume by its header.
        Affine affine = Affine.of(0.4, 0, 0, n, 0, 0.4, 0, 0, 0, 0, 0.7, 0, 0, 0, 0, 1);
        return new Volume(32, 32, 16, new VoxelData.Int16(voxels), affine, 1, 0,
                VolumeInfo.of("bench-" + n, "NIfTI", "raw"), List.of());
    }

    private List<Edit> annotations(long caseId, Protocol protocol) {
        Provenance me = Provenance.human("bench", Instant.now());
        List<Edit> edits = new ArrayList<>();
        for (int q = 0; q < questions; q++) {
            QuestionTemplate t = protocol.questions().get(q % protocol.questions().size());
            String qid = caseId + "-q" + q;
            String boxId = caseId + "-b" + q;
            edits.add(new Edit.PutBox(new Box(boxId, caseId, t.region(), null, new int[] {2, 3, 1},
                    new int[] {20 + q % 10, 25, 12}, me)));
            edits.add(new Edit.PutQuestion(new Question(qid, caseId, t.region(), t.id(), t.text(), me)));
            for (int s = 0; s < 3; s++) {
                Evidence e = s == 0 ? new Evidence.BoxRef(boxId)
                        : new Evidence.ViewBookmark("AXIAL", 5, 400, 1200, new double[] {3, 4, 5});
                edits.add(new Edit.PutStep(caseId, new ReasoningStep(qid + "-s" + s, qid,
                        (s < t.stepPrompts().size() ? t.stepPrompts().get(s) : "Step") + " (finding " + q + ")", e, me), s));
            }
            for (SeverityField f : t.severity()) {
                edits.add(new Edit.SetGrade(caseId, new Grade(qid, f.name(), f.options().get(q % f.options().size()).value(), me)));
            }
        }
        return edits;
    }
}
