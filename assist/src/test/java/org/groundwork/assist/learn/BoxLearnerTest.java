package org.groundwork.assist.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.assist.HeldOut;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.assist.TrainingCase;
import org.groundwork.assist.atlas.AtlasPrior;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import org.junit.jupiter.api.Test;

class BoxLearnerTest {
    private static final Protocol KNEE = ProtocolReader.builtIn("knee-mri");

    static double meanIou(SuggestionModel model, List<KneePhantom.Knee> test) throws Exception {
        return HeldOut.score(model, test.stream().map(KneePhantom.Knee::asTrainingCase).toList(), LoadMonitor.NONE)
                .meanIou();
    }

    private static final KneePhantom.Grid GRID = KneePhantom.Grid.coarse(96, 96, 40);

    private static List<KneePhantom.Knee> knees(long from, int count) {
        List<KneePhantom.Knee> knees = new ArrayList<>();
        for (long s = from; s < from + count; s++) {
            knees.add(KneePhantom.generate(s, GRID, KNEE));
        }
        return knees;
    }

    @Test
    void afterTrainingOnPhantomsTheLearnerBeatsTheAtlasOnHeldOutKneesAndSurvivesSavingAndLoading(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<TrainingCase> training = knees(1, 30).stream().map(KneePhantom.Knee::asTrainingCase).toList();
        List<KneePhantom.Knee> heldOut = knees(900, 8);
        AtlasPrior atlas = AtlasPrior.fit(training, LoadMonitor.NONE);
        List<String> progress = new ArrayList<>();
        try (BoxLearner learner = new BoxLearnerFactory(32, 30, 7).train(training, new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                progress.add(message);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        })) {
            assertTrue(progress.contains(progress.stream().filter(m -> m.startsWith("Epoch 30 of 30: loss"))
                    .findFirst().orElse("no last epoch")), progress.toString());
            double atlasIou = meanIou(atlas, heldOut);
            double learnerIou = meanIou(learner, heldOut);
            assertTrue(learnerIou > atlasIou + 0.05, "learner " + learnerIou + " vs atlas " + atlasIou);

            String hash = learner.save(dir.resolve("m"));
            assertEquals(hash, learner.weightsHash(), "the hash names the weights as saved");
            try (BoxLearner loaded = BoxLearner.load(dir.resolve("m"), hash)) {
                Volume v = heldOut.get(0).volume();
                assertEquals(learner.suggest(v, learner.regions(), LoadMonitor.NONE).stream().map(p -> p.box()).toList(),
                        loaded.suggest(v, loaded.regions(), LoadMonitor.NONE).stream().map(p -> p.box()).toList());
            }
            java.nio.file.Path weights;
            try (var files = java.nio.file.Files.list(dir.resolve("m"))) {
                weights = files.filter(f -> f.toString().endsWith(".params")).findFirst().orElseThrow();
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(weights);
            bytes[bytes.length / 2] ^= 1;
            java.nio.file.Files.write(weights, bytes);
            var changed = org.junit.jupiter.api.Assertions.assertThrows(org.groundwork.assist.AssistException.class,
                    () -> BoxLearner.load(dir.resolve("m"), hash));
            assertTrue(changed.getMessage().contains("do not match their recorded SHA-256"), changed.getMessage());
            java.nio.file.Files.createDirectories(dir.resolve("empty"));
            var notAModel = org.junit.jupiter.api.Assertions.assertThrows(org.groundwork.assist.AssistException.class,
                    () -> BoxLearner.load(dir.resolve("empty"), null));
            assertTrue(notAModel.getMessage().startsWith(dir.resolve("empty") + ": not a saved cnn-boxes model"),
                    notAModel.getMessage());
        }
    }

    @Test
    void correctionsThatAreNotNumbersAreRefusedNotTurnedIntoBoxes() throws Exception {
        List<TrainingCase> training = knees(1, 2).stream().map(KneePhantom.Knee::asTrainingCase).toList();
        Volume volume = KneePhantom.generate(78, GRID, KNEE).volume();
        try (BoxLearner learner = new BoxLearnerFactory(32, 1, 7).train(training, LoadMonitor.NONE)) {
            assertTrue(!learner.suggest(volume, learner.regions(), LoadMonitor.NONE).isEmpty());
            // Weights that turn every output into NaN, as a faulty engine or a broken file would.
            for (var parameter : learner.model().getBlock().getParameters().values()) {
                parameter.getArray().muli(Float.NaN);
            }
            org.groundwork.assist.AssistException e = assertThrows(org.groundwork.assist.AssistException.class,
                    () -> learner.suggest(volume, learner.regions(), LoadMonitor.NONE));
            assertTrue(e.getMessage().contains("not numbers (NaN), twice"), e.getMessage());
        }
    }

    @Test
    void fiveHundredSuggestionsDoNotGrowTheProcess() throws Exception {
        List<TrainingCase> training = knees(1, 4).stream().map(KneePhantom.Knee::asTrainingCase).toList();
        Volume volume = KneePhantom.generate(77, GRID, KNEE).volume();
        try (BoxLearner learner = new BoxLearnerFactory(32, 1, 7).train(training, LoadMonitor.NONE)) {
            for (int n = 0; n < 50; n++) { // warm up the allocators first
                learner.suggest(volume, learner.regions(), LoadMonitor.NONE);
            }
            int arraysBefore = managedArrays(learner);
            System.gc();
            long before = residentKb();
            for (int n = 0; n < 500; n++) {
                learner.suggest(volume, learner.regions(), LoadMonitor.NONE);
            }
            System.gc();
            long grown = residentKb() - before;
            assertEquals(arraysBefore, managedArrays(learner), "tensors left behind by 500 suggestions");
            // A request's tensors left unclosed grow it by gigabytes; allocator and JIT noise stays far below this.
            assertTrue(grown < 512 * 1024, "resident memory grew by " + grown + " kB over 500 suggestions");
        }
    }

    /** Tensors still held under the model's manager, its per-request sub-managers included. */
    private static int managedArrays(BoxLearner learner) {
        return ((ai.djl.ndarray.BaseNDManager) learner.model().getNDManager()).getManagedArrays().size();
    }

    /** The process's resident set (Linux); native memory included, which the Java heap figures leave out. */
    private static long residentKb() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
