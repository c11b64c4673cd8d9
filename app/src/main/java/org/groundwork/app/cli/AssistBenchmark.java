package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.assist.HeldOut;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.assist.TrainingCase;
import org.groundwork.assist.atlas.AtlasPrior;
import org.groundwork.assist.learn.BoxLearner;
import org.groundwork.assist.learn.BoxLearnerFactory;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groundwork bench assist}: how well and how fast the suggestion models do on phantom knees. */
@Command(name = "assist", mixinStandardHelpOptions = true,
        description = "Learning curves of the atlas prior and the learner on phantom knees (mean 3D IoU of their "
                + "proposals to the true boxes of held-out knees, for every knee-mri region), training time, and the "
                + "latency of one suggestion for all regions on a 384 x 384 x 160 volume.")
final class AssistBenchmark implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "5,20,50",
            description = "training set sizes (default ${DEFAULT-VALUE})")
    private List<Integer> sizes;

    @Option(names = "--held-out", defaultValue = "10", description = "held-out knees (default ${DEFAULT-VALUE})")
    private int heldOut;

    @Option(names = "--repeat", defaultValue = "5", description = "timed suggestions (default ${DEFAULT-VALUE})")
    private int repeat;

    @Option(names = "--epochs", defaultValue = "40", description = "learner epochs (default ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--torchscript", paramLabel = "FOLDER",
            description = "also time a TorchScript model folder (model file and descriptor.json) on the same volume")
    private java.nio.file.Path torchscript;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Protocol knee = ProtocolReader.builtIn("knee-mri");
        // Half the realistic resolution: the boxes scale with the grid, the generation is eight times faster.
        KneePhantom.Grid grid = KneePhantom.Grid.coarse(192, 192, 80);
        List<KneePhantom.Knee> test = new ArrayList<>();
        for (int n = 0; n < heldOut; n++) {
            test.add(KneePhantom.generate(1_000_000 + n, grid, knee));
        }
        int most = Collections.max(sizes);
        List<TrainingCase> training = new ArrayList<>();
        for (int n = 0; n < most; n++) {
            training.add(KneePhantom.generate(n + 1, grid, knee).asTrainingCase());
        }
        out.printf(Locale.ROOT, "phantom knees on a %d x %d x %d grid; %d held out; %d regions%n", grid.columns(),
                grid.rows(), grid.slices(), heldOut, knee.regions().size());
        out.printf(Locale.ROOT, "%-22s %8s %10s%n", "model", "training", "mean IoU");
        out.printf(Locale.ROOT, "%-22s %8s %10.3f%n", "whole-foreground box", "-", foregroundBaseline(test));
        BoxLearner last = null;
        for (int size : sizes) {
            long start = System.nanoTime();
            AtlasPrior atlas = AtlasPrior.fit(training.subList(0, size), LoadMonitor.NONE);
            double fitMs = (System.nanoTime() - start) / 1e6;
            out.printf(Locale.ROOT, "%-22s %8d %10.3f   (fit %.0f ms)%n", AtlasPrior.ID, size, meanIou(atlas, test), fitMs);
            start = System.nanoTime();
            BoxLearner learner = new BoxLearnerFactory(32, epochs, 7).train(training.subList(0, size), LoadMonitor.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "%-22s %8d %10.3f   (%d epochs in %.1f s, %.2f s per epoch)%n", BoxLearner.ID, size,
                    meanIou(learner, test), epochs, seconds, seconds / Math.max(1, epochs));
            if (last != null) {
                last.close();
            }
            last = learner;
        }

        Volume realistic = KneePhantom.generate(2_000_000, KneePhantom.Grid.REALISTIC, knee).volume();
        AtlasPrior atlas = AtlasPrior.fit(training, LoadMonitor.NONE);
        latency(out, atlas, realistic);
        if (last != null) {
            latency(out, last, realistic);
            last.close();
        }
        if (torchscript != null) {
            try (var own = org.groundwork.assist.torchscript.TorchScriptModel.load(torchscript)) {
                latency(out, own, realistic);
            }
        }
        out.flush();
        return 0;
    }

    private void latency(PrintWriter out, SuggestionModel model, Volume volume) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int r = 0; r < repeat + 2; r++) {
            long start = System.nanoTime();
            model.suggest(volume, model.regions(), LoadMonitor.NONE);
            if (r >= 2) { // two untimed runs first
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        Collections.sort(millis);
        out.printf(Locale.ROOT, "%s: one suggestion, all %d regions, 384 x 384 x 160: median %.0f ms (min %.0f, max %.0f)%n",
                model.id(), model.regions().size(), millis.get(millis.size() / 2), millis.get(0),
                millis.get(millis.size() - 1));
    }

    private static double meanIou(SuggestionModel model, List<KneePhantom.Knee> test) throws Exception {
        return HeldOut.score(model, test.stream().map(KneePhantom.Knee::asTrainingCase).toList(), LoadMonitor.NONE)
                .meanIou();
    }

    /** What a model that knows nothing of anatomy does: the whole knee for every region. */
    private static double foregroundBaseline(List<KneePhantom.Knee> test) {
        double sum = 0;
        int n = 0;
        for (KneePhantom.Knee knee : test) {
            RegionBox all = org.groundwork.assist.Foreground.of(knee.volume());
            for (RegionBox truth : knee.boxes().values()) {
                sum += all.iou(truth);
                n++;
            }
        }
        return sum / n;
    }
}
