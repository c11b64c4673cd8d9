package org.groundwork.assist.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.Foreground;
import org.groundwork.assist.ModelOutput;
import org.groundwork.assist.Proposal;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;

/**
 * A segmentation model brought by the user: a folder with a TorchScript file (saved with
 * {@code torch.jit.save}) and {@code descriptor.json} saying what it expects and gives (format
 * {@code groundwork-torchscript/1}: the file and its SHA-256, licence, input axes, spacing, patch and
 * normalisation, output kind with each label's region). The volume is resampled to the model's
 * spacing; a label map is made in overlapping windows of the patch size and each label's largest
 * connected piece becomes the box of its region; a model of kind "boxes" sees the volume in one
 * window and gives each label's box itself.
 */
public final class TorchScriptModel implements SuggestionModel, AutoCloseable {
    public static final String DESCRIPTOR = "descriptor.json";
    private static final String FORMAT = "groundwork-torchscript/1";

    private volatile Model model;
    private final String modelName;
    private final String name;
    private final String hash;
    private final Path file;
    private final double[] spacing;
    private final int[] patch;
    private final boolean normalise;
    private final boolean boxesOut;
    private final Map<Integer, String> labels;

    private TorchScriptModel(Model model, String name, String hash, Path file, double[] spacing, int[] patch,
                             boolean normalise, boolean boxesOut, Map<Integer, String> labels) {
        this.model = model;
        this.modelName = model.getName();
        this.name = name;
        this.hash = hash;
        this.file = file;
        this.spacing = spacing;
        this.patch = patch;
        this.normalise = normalise;
        this.boxesOut = boxesOut;
        this.labels = labels;
    }

    /** Whether {@code folder} holds a model of this kind (it has a descriptor). */
    public static boolean isModelFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(DESCRIPTOR));
    }

    /** Reads the descriptor, checks the file's SHA-256 and loads the TorchScript; every refusal names the file. */
    public static TorchScriptModel load(Path folder) throws AssistException {
        Path descriptorFile = folder.resolve(DESCRIPTOR);
        JsonNode d;
        try {
            d = new ObjectMapper().readTree(descriptorFile.toFile());
        } catch (IOException e) {
            throw new AssistException(descriptorFile + ": cannot be read as JSON (" + e.getMessage() + ")", e);
        }
        Descriptor desc = new Descriptor(descriptorFile, d);
        if (!FORMAT.equals(desc.text("format"))) {
            throw desc.wrong("format", "must be \"" + FORMAT + "\"");
        }
        String fileName = desc.text("file");
        String expected = desc.text("sha256");
        if (!expected.matches("[0-9a-f]{64}")) {
            throw desc.wrong("sha256", "must be 64 lowercase hexadecimal digits");
        }
        desc.text("licence");
        if (!"ijk".equals(desc.text("input", "axes"))) {
            throw desc.wrong("input.axes", "must be \"ijk\" (tensor dimensions D, H, W along voxel axes i, j, k)");
        }
        double[] spacing = desc.numbers("input.spacing_mm", 3);
        int[] patch = new int[3];
        double[] p = desc.numbers("input.patch", 3);
        for (int a = 0; a < 3; a++) {
            patch[a] = (int) p[a];
            if (patch[a] != p[a] || patch[a] < 4 || patch[a] > 512) {
                throw desc.wrong("input.patch", "must be three whole sizes from 4 to 512");
            }
        }
        String normalisation = desc.text("input", "normalisation");
        if (!normalisation.equals("percentile-99.5") && !normalisation.equals("none")) {
            throw desc.wrong("input.normalisation", "must be \"percentile-99.5\" or \"none\"");
        }
        String kind = desc.text("output", "kind");
        if (!kind.equals("labelmap") && !kind.equals("boxes")) {
            throw desc.wrong("output.kind", "must be \"labelmap\" or \"boxes\"");
        }
        Map<Integer, String> labels = new LinkedHashMap<>();
        JsonNode table = d.path("output").path("labels");
        if (!table.isObject() || table.isEmpty()) {
            throw desc.wrong("output.labels", "must map label values to region ids, e.g. {\"1\": \"femur\"}");
        }
        var fields = table.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getKey().matches("[1-9][0-9]{0,2}") || !f.getValue().isTextual()) {
                throw desc.wrong("output.labels." + f.getKey(), "must be a label value from 1 to 999 naming a region id");
            }
            labels.put(Integer.parseInt(f.getKey()), f.getValue().asText());
        }
        Path file = folder.resolve(fileName);
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new AssistException(file + ": its SHA-256 is " + actual + " but " + DESCRIPTOR + " says " + expected
                    + " (the file changed, or the descriptor belongs to another model)");
        }
        Model model = loadTorchScript(file, desc.text("name"));
        return new TorchScriptModel(model, desc.text("name"), actual, file, spacing, patch,
                normalisation.equals("percentile-99.5"), kind.equals("boxes"), labels);
    }

    private static Model loadTorchScript(Path file, String name) throws AssistException {
        String fileName = file.getFileName().toString();
        String stem = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
        Model model = Model.newInstance(name, "PyTorch");
        try {
            model.load(file.getParent(), stem);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new AssistException(file + ": not a TorchScript model (saved with torch.save rather than "
                    + "torch.jit.save?): " + e.getMessage(), e);
        }
        return model;
    }

    /** A prediction gave NaN or infinite scores. */
    private static final class NotFinite extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public String weightsHash() {
        return hash;
    }

    @Override
    public Set<String> regions() {
        return new LinkedHashSet<>(labels.values());
    }

    /**
     * {@inheritDoc} Scores that are not finite numbers are never turned into boxes: the model is
     * loaded again from its file and the volume run once more, up to {@value #ATTEMPTS} times in all.
     * The PyTorch engine has, rarely, given NaN scores for a whole run, and for two runs in a row
     * right after a model was trained in the same process; a run that is never finite is an error.
     */
    @Override
    public List<Proposal> suggest(Volume volume, Set<String> wanted, LoadMonitor monitor) throws AssistException {
        for (int attempt = 1; ; attempt++) {
            try {
                return suggestOnce(volume, wanted, monitor);
            } catch (NotFinite notFinite) {
                if (attempt == ATTEMPTS) {
                    throw new AssistException(file + ": the model gave scores that are not numbers (NaN) on this "
                            + "volume, " + ATTEMPTS + " times; nothing was proposed");
                }
                reload();
            }
        }
    }

    /** Runs of a volume before scores that are not finite are an error. */
    private static final int ATTEMPTS = 3;

    private synchronized void reload() throws AssistException {
        Model fresh = loadTorchScript(file, modelName);
        Model old = model;
        model = fresh;
        old.close();
    }

    private List<Proposal> suggestOnce(Volume volume, Set<String> wanted, LoadMonitor monitor)
            throws AssistException, NotFinite {
        long start = System.nanoTime();
        int[] size = new int[3];
        double[] step = new double[3]; // model voxels per volume voxel, per axis
        double[] own = volume.spacing();
        for (int a = 0; a < 3; a++) {
            size[a] = Math.max(1, (int) Math.round(new int[] {volume.nx(), volume.ny(), volume.nz()}[a] * own[a] / spacing[a]));
            step[a] = own[a] / spacing[a];
        }
        float[] input = resample(volume, size, step);
        if (boxesOut) {
            return boxes(volume, input, size, step, wanted, start);
        }
        int classes = labels.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        float[][] scores = new float[classes][input.length];
        int[] starts0 = starts(size[0], patch[0]);
        int[] starts1 = starts(size[1], patch[1]);
        int[] starts2 = starts(size[2], patch[2]);
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            for (int s0 : starts0) {
                for (int s1 : starts1) {
                    for (int s2 : starts2) {
                        if (monitor.cancelled()) {
                            throw new AssistException("the suggestion was cancelled");
                        }
                        window(predictor, input, size, new int[] {s0, s1, s2}, scores, classes);
                    }
                }
            }
        } catch (TranslateException | RuntimeException e) {
            throw new AssistException(file + ": the model failed on this volume (" + e.getMessage() + ")", e);
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        int[] labelOf = argmax(scores, input.length);
        List<Proposal> proposals = new ArrayList<>();
        for (var entry : labels.entrySet()) {
            if (!wanted.contains(entry.getValue())) {
                continue;
            }
            int[] box = LargestComponent.extent(labelOf, size, entry.getKey());
            if (box == null) {
                continue;
            }
            int[] min = new int[3];
            int[] max = new int[3];
            int[] n = {volume.nx(), volume.ny(), volume.nz()};
            for (int a = 0; a < 3; a++) {
                min[a] = Math.max(0, (int) Math.floor(box[a] / step[a]));
                max[a] = Math.min(n[a], Math.max(min[a] + 1, (int) Math.ceil(box[a + 3] / step[a])));
            }
            proposals.add(new Proposal(new RegionBox(entry.getValue(), min, max), box[6] / 1000.0, name, hash, latency));
        }
        return proposals;
    }

    /**
     * A model whose output kind is "boxes" sees the volume in one window and gives one row per label,
     * in the order of the label values: [min i, j, k, max i, j, k] on its grid, then optionally a confidence.
     */
    private List<Proposal> boxes(Volume volume, float[] input, int[] size, double[] step, Set<String> wanted, long start)
            throws AssistException, NotFinite {
        for (int a = 0; a < 3; a++) {
            if (size[a] > patch[a]) {
                throw new AssistException(file + ": a model that gives boxes sees the volume in one window, and this "
                        + "volume is " + size[0] + " x " + size[1] + " x " + size[2] + " on its grid, larger than its patch "
                        + patch[0] + " x " + patch[1] + " x " + patch[2]);
            }
        }
        List<Integer> order = new ArrayList<>(labels.keySet());
        java.util.Collections.sort(order);
        float[] rows;
        long columns;
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
             NDManager manager = NDManager.newBaseManager()) {
            float[] tile = new float[patch[0] * patch[1] * patch[2]];
            for (int i = 0; i < size[0]; i++) {
                for (int j = 0; j < size[1]; j++) {
                    System.arraycopy(input, (i * size[1] + j) * size[2], tile, (i * patch[1] + j) * patch[2], size[2]);
                }
            }
            NDArray y = predictor.predict(new NDList(manager.create(tile, new Shape(1, 1, patch[0], patch[1], patch[2]))))
                    .singletonOrThrow();
            Shape shape = y.getShape();
            columns = shape.get(shape.dimension() - 1);
            if (shape.dimension() != 3 || shape.get(0) != 1 || shape.get(1) != order.size() || (columns != 6 && columns != 7)) {
                throw new AssistException(file + ": gives a tensor of shape " + shape + " where its " + DESCRIPTOR
                        + " needs (1, " + order.size() + ", 6) or (1, " + order.size() + ", 7): one row per label");
            }
            rows = y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        } catch (TranslateException | RuntimeException e) {
            throw new AssistException(file + ": the model failed on this volume (" + e.getMessage() + ")", e);
        }
        if (!ModelOutput.allFinite(rows)) {
            throw new NotFinite();
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        int[] n = {volume.nx(), volume.ny(), volume.nz()};
        List<Proposal> proposals = new ArrayList<>();
        for (int r = 0; r < order.size(); r++) {
            String region = labels.get(order.get(r));
            if (!wanted.contains(region)) {
                continue;
            }
            int[] min = new int[3];
            int[] max = new int[3];
            for (int a = 0; a < 3; a++) {
                min[a] = Math.max(0, Math.min(n[a] - 1, (int) Math.floor(rows[(int) (r * columns) + a] / step[a])));
                max[a] = Math.min(n[a], Math.max(min[a] + 1, (int) Math.ceil(rows[(int) (r * columns) + a + 3] / step[a])));
            }
            double confidence = columns == 7 ? rows[(int) (r * columns) + 6] : 0.5;
            proposals.add(new Proposal(new RegionBox(region, min, max), confidence, name, hash, latency));
        }
        return proposals;
    }

    /** Window start positions covering [0, size) with half-patch overlap, the last one flush with the end. */
    static int[] starts(int size, int patch) {
        if (size <= patch) {
            return new int[] {0};
        }
        List<Integer> list = new ArrayList<>();
        for (int s = 0; s + patch < size; s += patch / 2) {
            list.add(s);
        }
        list.add(size - patch);
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Runs one window (zero-padded where it passes the edge) and adds its softmax to the scores. */
    private void window(Predictor<NDList, NDList> predictor, float[] input, int[] size, int[] at, float[][] scores,
                        int classes) throws TranslateException, AssistException, NotFinite {
        int p0 = patch[0], p1 = patch[1], p2 = patch[2];
        float[] tile = new float[p0 * p1 * p2];
        for (int i = 0; i < p0 && at[0] + i < size[0]; i++) {
            for (int j = 0; j < p1 && at[1] + j < size[1]; j++) {
                for (int k = 0; k < p2 && at[2] + k < size[2]; k++) {
                    tile[(i * p1 + j) * p2 + k] = input[((at[0] + i) * size[1] + at[1] + j) * size[2] + at[2] + k];
                }
            }
        }
        float[] out;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(tile, new Shape(1, 1, p0, p1, p2));
            NDArray y = predictor.predict(new NDList(x)).singletonOrThrow();
            Shape wantedShape = new Shape(1, classes, p0, p1, p2);
            if (y.getShape().dimension() != 5 || y.getShape().get(0) != 1 || y.getShape().get(1) < classes
                    || y.getShape().get(2) != p0 || y.getShape().get(3) != p1 || y.getShape().get(4) != p2) {
                throw new AssistException(file + ": gives a tensor of shape " + y.getShape() + " where its "
                        + DESCRIPTOR + " needs at least " + wantedShape + " (one channel per label up to "
                        + (classes - 1) + ")");
            }
            out = y.get(":, :" + classes).softmax(1).toFloatArray();
        }
        if (!ModelOutput.allFinite(out)) {
            throw new NotFinite();
        }
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < p0 && at[0] + i < size[0]; i++) {
                for (int j = 0; j < p1 && at[1] + j < size[1]; j++) {
                    for (int k = 0; k < p2 && at[2] + k < size[2]; k++) {
                        scores[c][((at[0] + i) * size[1] + at[1] + j) * size[2] + at[2] + k]
                                += out[((c * p0 + i) * p1 + j) * p2 + k];
                    }
                }
            }
        }
    }

    /** The volume on the model's grid (C order over i, j, k), nearest voxel, normalised as the descriptor says. */
    private float[] resample(Volume volume, int[] size, double[] step) {
        double scale = normalise ? Math.max(1e-6, Foreground.brightEnd(volume)) : 1;
        float[] grid = new float[size[0] * size[1] * size[2]];
        for (int i = 0; i < size[0]; i++) {
            int vi = Math.min(volume.nx() - 1, (int) ((i + 0.5) / step[0]));
            for (int j = 0; j < size[1]; j++) {
                int vj = Math.min(volume.ny() - 1, (int) ((j + 0.5) / step[1]));
                for (int k = 0; k < size[2]; k++) {
                    int vk = Math.min(volume.nz() - 1, (int) ((k + 0.5) / step[2]));
                    double value = volume.data().get(volume.index(vi, vj, vk)) * volume.slope() + volume.intercept();
                    grid[(i * size[1] + j) * size[2] + k] = (float) (value / scale);
                }
            }
        }
        return grid;
    }

    private static int[] argmax(float[][] scores, int length) {
        int[] labels = new int[length];
        for (int v = 0; v < length; v++) {
            int best = 0;
            for (int c = 1; c < scores.length; c++) {
                if (scores[c][v] > scores[best][v]) {
                    best = c;
                }
            }
            labels[v] = best;
        }
        return labels;
    }

    private static String sha256(Path file) throws AssistException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new AssistException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** Reading the descriptor, with errors that give the file and the JSON path. */
    private record Descriptor(Path file, JsonNode root) {
        String text(String... path) throws AssistException {
            JsonNode n = root;
            for (String key : path) {
                n = n.path(key);
            }
            if (!n.isTextual() || n.asText().isBlank()) {
                throw wrong(String.join(".", path), "is missing or not a text");
            }
            return n.asText();
        }

        double[] numbers(String dotted, int count) throws AssistException {
            JsonNode n = root;
            for (String key : dotted.split("\\.")) {
                n = n.path(key);
            }
            if (!n.isArray() || n.size() != count) {
                throw wrong(dotted, "must be a list of " + count + " numbers");
            }
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                if (!n.get(i).isNumber() || n.get(i).asDouble() <= 0) {
                    throw wrong(dotted, "must be a list of " + count + " positive numbers");
                }
                values[i] = n.get(i).asDouble();
            }
            return values;
        }

        AssistException wrong(String path, String why) {
            return new AssistException(file + ": at $." + path + ": " + why);
        }
    }
}
