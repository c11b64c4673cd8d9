package org.groundwork.assist.learn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.BodyFrame;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.SuggestionModelFactory;
import org.groundwork.assist.TrainingCase;
import org.groundwork.assist.atlas.AtlasPrior;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;

/**
 * Trains a {@link BoxLearner} on the CPU (or the GPU the engine found) from a project's boxes: the
 * atlas prior first, then the network's corrections to it, with Adam, a fixed seed and batches of
 * four; progress after every epoch, cancellable.
 */
public final class BoxLearnerFactory implements SuggestionModelFactory {
    private static final int BATCH = 4;
    private final int grid;
    private final int epochs;
    private final long seed;

    /** The defaults: a 32^3 grid, 40 epochs, seed 7. */
    public BoxLearnerFactory() {
        this(32, 40, 7);
    }

    public BoxLearnerFactory(int grid, int epochs, long seed) {
        this.grid = grid;
        this.epochs = epochs;
        this.seed = seed;
    }

    @Override
    public String id() {
        return BoxLearner.ID;
    }

    @Override
    public String description() {
        return "a compact 3D CNN that learns corrections to the atlas prior from the project's boxes (DJL, PyTorch)";
    }

    @Override
    public BoxLearner train(List<TrainingCase> cases, LoadMonitor monitor) throws AssistException {
        return train(cases, null, monitor);
    }

    /**
     * As {@link #train(List, LoadMonitor)}, continuing from {@code start}'s weights (and its regions and
     * atlas) when it is not null: a checkpoint's training resumed.
     */
    public BoxLearner train(List<TrainingCase> cases, BoxLearner start, LoadMonitor monitor) throws AssistException {
        if (cases.size() < 2) {
            throw new AssistException("the learner needs at least two annotated cases, and this project has "
                    + cases.size());
        }
        List<String> regions;
        float[] means;
        if (start != null) {
            if (start.grid() != grid) {
                throw new AssistException("the checkpoint was trained on a " + start.grid() + "^3 grid, not " + grid + "^3");
            }
            regions = start.regionList();
            means = start.atlas();
        } else {
            AtlasPrior atlas = AtlasPrior.fit(cases, LoadMonitor.NONE);
            regions = new ArrayList<>(atlas.regions());
            Collections.sort(regions);
            means = new float[6 * regions.size()];
            for (int r = 0; r < regions.size(); r++) {
                double[] m = atlas.mean(regions.get(r)).orElseThrow();
                for (int c = 0; c < 6; c++) {
                    means[6 * r + c] = (float) m[c];
                }
            }
        }
        List<Example> examples = new ArrayList<>();
        for (int n = 0; n < cases.size(); n++) {
            monitor.progress(n, cases.size(), "Preparing case " + (n + 1) + " of " + cases.size());
            examples.add(example(cases.get(n), regions, means));
        }
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        Model model = Model.newInstance(BoxLearner.ID, "PyTorch");
        model.setBlock(BoxLearner.network(6 * regions.size()));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, 1, grid, grid, grid));
            if (start != null) {
                BoxLearner.copyWeights(start, model, model.getNDManager()); // the model outlives the trainer
            }
            Random order = new Random(seed);
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (monitor.cancelled()) {
                    model.close();
                    throw new AssistException("training was cancelled");
                }
                Collections.shuffle(examples, order);
                double lossSum = 0;
                for (int first = 0; first < examples.size(); first += BATCH) {
                    lossSum += step(trainer, examples.subList(first, Math.min(examples.size(), first + BATCH)),
                            regions.size());
                }
                monitor.progress(epoch + 1, epochs, String.format(Locale.ROOT, "Epoch %d of %d: loss %.4f",
                        epoch + 1, epochs, lossSum / Math.ceil(examples.size() / (double) BATCH)));
            }
        } catch (RuntimeException | java.io.IOException | ai.djl.MalformedModelException e) {
            model.close();
            throw new AssistException("training failed: " + e.getMessage(), e);
        }
        return new BoxLearner(model, grid, regions, means, BoxLearner.weightsHash(model));
    }

    /** One input grid with its target corrections and which of them the case has a box for. */
    private record Example(float[] input, float[] target, float[] mask) {
    }

    private Example example(TrainingCase c, List<String> regions, float[] means) throws AssistException {
        Volume volume;
        try {
            volume = c.volume();
        } catch (BadInputException e) {
            throw new AssistException("a training case cannot be read: " + e.getMessage(), e);
        }
        BodyFrame frame = BodyFrame.of(volume);
        float[] target = new float[means.length];
        float[] mask = new float[means.length];
        for (RegionBox box : c.boxes()) {
            int r = regions.indexOf(box.regionId());
            if (r < 0 || mask[6 * r] > 0) {
                continue; // a region's first box is its answer
            }
            double[] relative = frame.relative(box);
            for (int k = 0; k < 6; k++) {
                target[6 * r + k] = (float) ((relative[k] - means[6 * r + k]) / BoxLearner.STEP);
                mask[6 * r + k] = 1;
            }
        }
        return new Example(frame.sample(grid), target, mask);
    }

    /** One optimiser step on a batch; returns its loss. Every array lives in a manager closed at the end. */
    private float step(Trainer trainer, List<Example> batch, int regions) {
        int n = batch.size();
        int voxels = grid * grid * grid;
        float[] inputs = new float[n * voxels];
        float[] targets = new float[n * 6 * regions];
        float[] masks = new float[n * 6 * regions];
        for (int b = 0; b < n; b++) {
            System.arraycopy(batch.get(b).input(), 0, inputs, b * voxels, voxels);
            System.arraycopy(batch.get(b).target(), 0, targets, b * 6 * regions, 6 * regions);
            System.arraycopy(batch.get(b).mask(), 0, masks, b * 6 * regions, 6 * regions);
        }
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray x = manager.create(inputs, new Shape(n, 1, grid, grid, grid));
            NDArray y = manager.create(targets, new Shape(n, 6L * regions));
            NDArray mask = manager.create(masks, new Shape(n, 6L * regions));
            float loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray l = prediction.sub(y).square().mul(mask).sum().div(mask.sum().add(1e-6f));
                loss = l.getFloat();
                gc.backward(l);
            }
            trainer.step();
            return loss;
        }
    }
}
