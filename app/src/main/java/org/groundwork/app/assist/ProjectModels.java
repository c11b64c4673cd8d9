package org.groundwork.app.assist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.HeldOut;
import org.groundwork.assist.TrainingCase;
import org.groundwork.assist.atlas.AtlasPrior;
import org.groundwork.assist.learn.BoxLearner;
import org.groundwork.assist.learn.BoxLearnerFactory;
import org.groundwork.viewer.core.LoadMonitor;

/**
 * The learnt models of a project, in its {@code models/} folder: every training run leaves a
 * checkpoint (weights, their SHA-256, the held-out comparison), and a new model is promoted only
 * when it beats both the atlas prior and the model promoted before on held-out cases split by
 * patient.
 */
public final class ProjectModels {
    static final String FOLDER = "models";
    private static final String EVALUATION = "evaluation.json";
    private static final String PROMOTED = "promoted.json";
    private static final double HELD_OUT_SHARE = 0.2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final ProjectAssist assist;
    private final Clock clock;

    public ProjectModels(Path projectFolder, ProjectAssist assist, Clock clock) {
        this.folder = projectFolder.resolve(FOLDER);
        this.assist = assist;
        this.clock = clock;
    }

    /** A checkpoint and how it compared on the held-out cases when it was trained. */
    public record Saved(String name, String hash, String trainedAt, int trainingCases, int heldOutCases,
                        Map<String, Double> heldOutIou, Map<String, Double> perRegion, boolean promoted) {
    }

    /** What one training run did; {@code resumedFrom} names the checkpoint it continued, or is null. */
    public record Training(Saved checkpoint, String verdict, String resumedFrom) {
    }

    /** Trains the learner on the training split, compares it on the held-out split, promotes it if it is better. */
    public Training train(int epochs, LoadMonitor monitor) throws AssistException {
        return train(epochs, false, monitor);
    }

    /** As {@link #train(int, LoadMonitor)}; with {@code resume}, training continues from the latest checkpoint. */
    public Training train(int epochs, boolean resume, LoadMonitor monitor) throws AssistException {
        List<TrainingCase> cases = assist.trainingCases(Set.of());
        HeldOut.Split split = HeldOut.split(cases, HELD_OUT_SHARE);
        monitor.progress(0, 1, "Training on " + split.training().size() + " case(s), holding out "
                + split.heldOut().size() + "…");
        Map<String, Double> means = new LinkedHashMap<>();
        HeldOut.Score atlas = HeldOut.score(AtlasPrior.fit(split.training(), LoadMonitor.NONE), split.heldOut(), monitor);
        Optional<Saved> current = promotedCheckpoint();
        BoxLearner start = null;
        String resumedFrom = null;
        if (resume) {
            List<Saved> all = list();
            if (all.isEmpty()) {
                throw new AssistException(folder + ": there is no checkpoint to resume from; train without --resume first");
            }
            resumedFrom = all.get(all.size() - 1).name();
            start = load(all.get(all.size() - 1));
        }
        try (BoxLearner learner = new BoxLearnerFactory(32, epochs, 7).train(split.training(), start, monitor)) {
            HeldOut.Score mine = HeldOut.score(learner, split.heldOut(), monitor);
            means.put(BoxLearner.ID, mine.meanIou());
            means.put(AtlasPrior.ID, atlas.meanIou());
            Double before = null;
            if (current.isPresent()) {
                try (BoxLearner promoted = load(current.get())) {
                    before = HeldOut.score(promoted, split.heldOut(), monitor).meanIou();
                    means.put("promoted " + current.get().name(), before);
                }
            }
            boolean promote = mine.meanIou() > atlas.meanIou() && (before == null || mine.meanIou() > before);
            String name = BoxLearner.ID + "-" + STAMP.format(clock.instant()) + "-" + mine.weightsHash().substring(0, 8);
            Path checkpoint = folder.resolve(name);
            learner.save(checkpoint);
            Saved saved = new Saved(name, mine.weightsHash(), clock.instant().toString(), split.training().size(),
                    split.heldOut().size(), means, mine.perRegion(), promote);
            write(checkpoint.resolve(EVALUATION), saved);
            if (promote) {
                ObjectNode pointer = JSON.createObjectNode().put("name", name).put("hash", mine.weightsHash());
                Files.writeString(folder.resolve(PROMOTED), pointer.toPrettyString());
            }
            String verdict = promote ? "promoted " + name
                    : String.format(java.util.Locale.ROOT, "not promoted: held-out IoU %.3f does not beat %s",
                            mine.meanIou(), before != null && before >= atlas.meanIou()
                                    ? String.format(java.util.Locale.ROOT, "the promoted model's %.3f", before)
                                    : String.format(java.util.Locale.ROOT, "the atlas prior's %.3f", atlas.meanIou()));
            return new Training(saved, verdict, resumedFrom);
        } catch (IOException e) {
            throw new AssistException(folder + ": the model cannot be saved (" + e.getMessage() + ")", e);
        } finally {
            if (start != null) {
                start.close();
            }
        }
    }

    /** Every checkpoint, oldest first (by the time it was trained). */
    public List<Saved> list() throws AssistException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        String promoted = promotedName().orElse(null);
        List<Saved> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(EVALUATION))).toList()) {
                Saved s = read(dir.resolve(EVALUATION));
                all.add(new Saved(s.name(), s.hash(), s.trainedAt(), s.trainingCases(), s.heldOutCases(),
                        s.heldOutIou(), s.perRegion(), s.name().equals(promoted)));
            }
        } catch (IOException e) {
            throw new AssistException(folder + ": cannot be read (" + e.getMessage() + ")", e);
        }
        all.sort(java.util.Comparator.comparing(Saved::trainedAt));
        return all;
    }

    /** The promoted learner, checked against its recorded hash; empty when none was promoted. */
    public Optional<BoxLearner> promoted() throws AssistException {
        Optional<Saved> saved = promotedCheckpoint();
        return saved.isEmpty() ? Optional.empty() : Optional.of(load(saved.get()));
    }

    private BoxLearner load(Saved saved) throws AssistException {
        return BoxLearner.load(folder.resolve(saved.name()), saved.hash());
    }

    private Optional<Saved> promotedCheckpoint() throws AssistException {
        Optional<String> name = promotedName();
        return name.isEmpty() ? Optional.empty() : Optional.of(read(folder.resolve(name.get()).resolve(EVALUATION)));
    }

    private Optional<String> promotedName() throws AssistException {
        Path pointer = folder.resolve(PROMOTED);
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(pointer.toFile()).path("name").asText());
        } catch (IOException e) {
            throw new AssistException(pointer + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static void write(Path file, Saved saved) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(saved));
    }

    private static Saved read(Path file) throws AssistException {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return JSON.treeToValue(n, Saved.class);
        } catch (IOException e) {
            throw new AssistException(file + ": not a model evaluation Groundwork wrote (" + e.getMessage() + ")", e);
        }
    }
}
