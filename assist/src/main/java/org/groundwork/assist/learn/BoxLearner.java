package org.groundwork.assist.learn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.BodyFrame;
import org.groundwork.assist.ModelOutput;
import org.groundwork.assist.Proposal;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;

/**
 * A compact 3D CNN that looks at the knee resampled onto a small grid of its body frame and
 * corrects the atlas prior's box of every region: three Conv3d + max-pool stages, two dense layers,
 * an output layer that starts at zero (so an untrained learner is the atlas). Trained by
 * {@link BoxLearnerFactory}; its weights are saved with their SHA-256, which names the model.
 */
public final class BoxLearner implements SuggestionModel, AutoCloseable {
    public static final String ID = "cnn-boxes";
    /** Corrections are learnt in units of a tenth of the body frame. */
    static final float STEP = 0.1f;
    private static final String PARAMETERS = "cnn-boxes";
    private static final String REGIONS = "regions.txt";

    private final Model model;
    private final int grid;
    private final List<String> regions;
    private final float[] atlas; // 6 fractions per region, in region order
    private final String hash;

    BoxLearner(Model model, int grid, List<String> regions, float[] atlas, String hash) {
        this.model = model;
        this.grid = grid;
        this.regions = List.copyOf(regions);
        this.atlas = atlas.clone();
        this.hash = hash;
    }

    /** The network for a grid of {@code n}^3 voxels and {@code outputs} numbers. */
    static SequentialBlock network(int outputs) {
        SequentialBlock net = new SequentialBlock();
        for (int filters : new int[] {8, 16, 32}) {
            net.add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1))
                    .setFilters(filters).build());
            net.add(Activation.reluBlock());
            net.add(Pool.maxPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2)));
        }
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(128).build());
        net.add(Activation.reluBlock());
        Linear out = Linear.builder().setUnits(outputs).build();
        out.setInitializer(new ConstantInitializer(0), Parameter.Type.WEIGHT); // starts as the atlas
        net.add(out);
        return net;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String weightsHash() {
        return hash;
    }

    @Override
    public Set<String> regions() {
        return new LinkedHashSet<>(regions);
    }

    int grid() {
        return grid;
    }

    List<String> regionList() {
        return regions;
    }

    float[] atlas() {
        return atlas.clone();
    }

    Model model() {
        return model;
    }

    @Override
    public List<Proposal> suggest(Volume volume, Set<String> wanted, LoadMonitor monitor) throws AssistException {
        long start = System.nanoTime();
        BodyFrame frame = BodyFrame.of(volume);
        float[] corrections = corrections(frame);
        if (!ModelOutput.allFinite(corrections)) {
            // Run once more, and give up with a message if it repeats.
            corrections = corrections(frame);
            if (!ModelOutput.allFinite(corrections)) {
                throw new AssistException("the learned model gave corrections that are not numbers (NaN), twice; "
                        + "nothing was proposed");
            }
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        List<Proposal> proposals = new ArrayList<>();
        for (int r = 0; r < regions.size(); r++) {
            if (!wanted.contains(regions.get(r))) {
                continue;
            }
            double[] relative = new double[6];
            for (int c = 0; c < 6; c++) {
                relative[c] = atlas[6 * r + c] + STEP * corrections[6 * r + c];
            }
            RegionBox box = frame.absolute(relative, regions.get(r));
            if (box != null) {
                proposals.add(new Proposal(box, 0.5, ID, hash, latency));
            }
        }
        return proposals;
    }

    private float[] corrections(BodyFrame frame) {
        // One manager per request, always closed: native memory must not grow over a long session.
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(frame.sample(grid), new Shape(1, 1, grid, grid, grid));
            return model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
        }
    }

    /** Writes the weights and what they stand for into {@code folder}; returns the SHA-256 of the weights. */
    public String save(Path folder) throws IOException {
        Files.createDirectories(folder);
        model.save(folder, PARAMETERS);
        List<String> lines = new ArrayList<>();
        lines.add("grid " + grid);
        for (int r = 0; r < regions.size(); r++) {
            StringBuilder line = new StringBuilder(regions.get(r));
            for (int c = 0; c < 6; c++) {
                line.append(' ').append(atlas[6 * r + c]);
            }
            lines.add(line.toString());
        }
        Files.write(folder.resolve(REGIONS), lines, StandardCharsets.UTF_8);
        return hash;
    }

    /** A saved learner; refused, naming the folder, when its files are missing or do not match their hash. */
    public static BoxLearner load(Path folder, String expectedHash) throws AssistException {
        try {
            weightsFile(folder);
            List<String> lines = Files.readAllLines(folder.resolve(REGIONS), StandardCharsets.UTF_8);
            int grid = Integer.parseInt(lines.get(0).substring("grid ".length()).strip());
            List<String> regions = new ArrayList<>();
            float[] atlas = new float[6 * (lines.size() - 1)];
            for (int r = 1; r < lines.size(); r++) {
                String[] parts = lines.get(r).strip().split(" ");
                regions.add(parts[0]);
                for (int c = 0; c < 6; c++) {
                    atlas[6 * (r - 1) + c] = Float.parseFloat(parts[c + 1]);
                }
            }
            Model model = Model.newInstance(ID, "PyTorch");
            model.setBlock(network(6 * regions.size()));
            model.load(folder, PARAMETERS);
            String hash = weightsHash(model);
            if (expectedHash != null && !expectedHash.equals(hash)) {
                model.close();
                throw new AssistException(folder + ": the weights do not match their recorded SHA-256 (changed since training)");
            }
            return new BoxLearner(model, grid, regions, atlas, hash);
        } catch (IOException | RuntimeException | MalformedModelException e) {
            throw new AssistException(folder + ": not a saved " + ID + " model (" + e.getMessage() + ")", e);
        }
    }

    private static Path weightsFile(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PARAMETERS)
                    && p.getFileName().toString().endsWith(".params")).findFirst()
                    .orElseThrow(() -> new IOException("no " + PARAMETERS + "*.params file"));
        }
    }

    /** Puts {@code from}'s weights into {@code to}, whose network has the same shape. */
    static void copyWeights(BoxLearner from, Model to, NDManager manager) throws IOException, MalformedModelException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        from.model.getBlock().saveParameters(new java.io.DataOutputStream(bytes));
        to.getBlock().loadParameters(manager, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    }

    /** SHA-256 of the network's parameters as DJL serialises them. */
    static String weightsHash(Model model) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            model.getBlock().saveParameters(new java.io.DataOutputStream(bytes));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("hashing the weights held in memory", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
