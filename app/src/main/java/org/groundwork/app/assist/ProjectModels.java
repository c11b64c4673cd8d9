package org.groundwork.app.assist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.groundwork.annotate.core.project.ModelShelf;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.app.CurrentUser;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.HeldOut;
import org.groundwork.assist.TrainingCase;
import org.groundwork.assist.atlas.AtlasPrior;
import org.groundwork.assist.learn.BoxLearner;
import org.groundwork.assist.learn.BoxLearnerFactory;
import org.groundwork.viewer.core.LoadMonitor;

/**
 * The learnt models of a project, kept in the project (see {@link ModelShelf}) so that every workstation
 * suggests with the same promoted one: every training run keeps a checkpoint (weights, their SHA-256,
 * the held-out comparison), and a new model is promoted only when it beats both the atlas prior and
 * the model promoted before on held-out cases split by patient. This workstation unpacks a model into
 * its {@code models/} folder the first time it is used, and checks it against its hash on every load.
 */
public final class ProjectModels {
    /** The project setting: retrain after this many more boxed cases (absent or 0: only when asked). */
    public static final String RETRAIN_EVERY = "assist.retrain_every";

    static final String FOLDER = "models";
    private static final String EVALUATION = "evaluation.json";
    /** Where the promoted model was named when models were kept only in the workstation's folder. */
    private static final String FOLDER_PROMOTED = "promoted.json";
    private static final double HELD_OUT_SHARE = 0.2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter IN_USE_SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ProjectRepository store;
    private final Path folder;
    private final ProjectAssist assist;
    private final Clock clock;

    public ProjectModels(ProjectRepository store, ProjectAssist assist, Clock clock) {
        this.store = store;
        this.folder = store.localFolder().resolve(FOLDER);
        this.assist = assist;
        this.clock = clock;
    }

    /**
     * A checkpoint and how it compared on the held-out cases when it was trained; {@code trainedBy} is
     * null for a checkpoint only this workstation's folder holds, from before models were kept in the project.
     */
    public record Saved(String name, String hash, String trainedAt, int trainingCases, int heldOutCases,
                        Map<String, Double> heldOutIou, Map<String, Double> perRegion, boolean promoted,
                        String trainedBy) {
        Saved promoted(boolean promoted) {
            return new Saved(name, hash, trainedAt, trainingCases, heldOutCases, heldOutIou, perRegion, promoted,
                    trainedBy);
        }

        Saved trainedBy(String user) {
            return new Saved(name, hash, trainedAt, trainingCases, heldOutCases, heldOutIou, perRegion, promoted, user);
        }

        /** Whether the project holds it (else only this workstation's folder does). */
        boolean kept() {
            return trainedBy != null;
        }

        /** Who trained it, as said after "trained": "by ada", or "on this workstation" for a folder-only one. */
        public String trainer() {
            return kept() ? "by " + trainedBy : "on this workstation";
        }
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
        Optional<String> refused = store.modelShelf().whyNotTrain();
        if (refused.isPresent()) {
            String why = refused.get();
            throw new AssistException(Character.toUpperCase(why.charAt(0)) + why.substring(1) + " (" + store.name() + ")");
        }
        List<Saved> all = list();
        List<TrainingCase> cases = assist.trainingCases(Set.of());
        HeldOut.Split split = HeldOut.split(cases, HELD_OUT_SHARE);
        monitor.progress(0, 1, "Training on " + split.training().size() + " case(s), holding out "
                + split.heldOut().size() + "…");
        Map<String, Double> means = new LinkedHashMap<>();
        HeldOut.Score atlas = HeldOut.score(AtlasPrior.fit(split.training(), LoadMonitor.NONE), split.heldOut(), monitor);
        Optional<Saved> current = all.stream().filter(Saved::promoted).findFirst();
        BoxLearner start = null;
        String resumedFrom = null;
        if (resume) {
            if (all.isEmpty()) {
                throw new AssistException(store.name() + ": there is no checkpoint to resume from; train without "
                        + "--resume first");
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
            boolean better = mine.meanIou() > atlas.meanIou() && (before == null || mine.meanIou() > before);
            String name = BoxLearner.ID + "-" + STAMP.format(clock.instant()) + "-" + mine.weightsHash().substring(0, 8);
            Path checkpoint = folder.resolve(name);
            learner.save(checkpoint);
            Saved saved = new Saved(name, mine.weightsHash(), clock.instant().toString(), split.training().size(),
                    split.heldOut().size(), means, mine.perRegion(), false, CurrentUser.name());
            Files.writeString(checkpoint.resolve(EVALUATION), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(saved));
            boolean promoted = keep(saved, checkpoint, better, current.map(Saved::name).orElse(null));
            String verdict = promoted ? "promoted " + name
                    : better ? "not promoted: another model was promoted in the project while this one trained; "
                            + "train again to compare with it"
                    : String.format(java.util.Locale.ROOT, "not promoted: held-out IoU %.3f does not beat %s",
                            mine.meanIou(), before != null && before >= atlas.meanIou()
                                    ? String.format(java.util.Locale.ROOT, "the promoted model's %.3f", before)
                                    : String.format(java.util.Locale.ROOT, "the atlas prior's %.3f", atlas.meanIou()));
            return new Training(saved.promoted(promoted), verdict, resumedFrom);
        } catch (IOException e) {
            throw new AssistException(folder + ": the model cannot be saved (" + e.getMessage() + ")", e);
        } finally {
            if (start != null) {
                start.close();
            }
        }
    }

    /**
     * Every checkpoint, oldest first. Checkpoints that this workstation trained before models were kept
     * in the project are added to it first where this session may add models, else listed beside.
     */
    public List<Saved> list() throws AssistException {
        List<Saved> kept = kept();
        List<String> names = kept.stream().map(Saved::name).toList();
        List<Saved> unkept = folderOnly(names);
        if (unkept.isEmpty()) {
            return kept;
        }
        if (store.modelShelf().whyNotTrain().isEmpty()) {
            String promoted = kept.stream().filter(Saved::promoted).map(Saved::name).findFirst().orElse(null);
            for (Saved s : unkept) {
                boolean promote = s.promoted() && promoted == null;
                keep(s, folder.resolve(s.name()), promote, null);
            }
            return kept();
        }
        boolean anyPromoted = kept.stream().anyMatch(Saved::promoted);
        List<Saved> all = new ArrayList<>(kept);
        unkept.forEach(s -> all.add(s.promoted(s.promoted() && !anyPromoted)));
        all.sort(java.util.Comparator.comparing(Saved::trainedAt));
        return all;
    }

    /**
     * Why the learner should be trained again now, or empty: at least {@code every} cases with boxes
     * that the latest checkpoint did not learn from or judge on, so the readers' newest boxes and
     * corrections reach the model without anyone asking for it.
     */
    public Optional<String> retrainDue(int every) throws AssistException {
        if (every <= 0) {
            return Optional.empty();
        }
        List<Saved> all = list();
        int seen = all.isEmpty() ? 0 : all.get(all.size() - 1).trainingCases() + all.get(all.size() - 1).heldOutCases();
        int added = store.casesToLearnFrom() - seen;
        return added < every ? Optional.empty()
                : Optional.of(added + " boxed case(s) since the " + (all.isEmpty() ? "project began" : "last model"));
    }

    /** How each checkpoint's proposals fared with the readers, by its weights' SHA-256 ({@link Saved#hash()}). */
    public Map<String, ModelShelf.Use> uses() throws AssistException {
        try {
            return store.modelShelf().uses();
        } catch (ProjectException e) {
            throw new AssistException(e.getMessage(), e);
        }
    }

    /** Which model is in use, put in use by whom and when; empty while none is. */
    public Optional<ModelShelf.Promotion> promotion() throws AssistException {
        try {
            return store.modelShelf().promotion();
        } catch (ProjectException e) {
            throw new AssistException(e.getMessage(), e);
        }
    }

    /** "in use since 2026-12-01 10:57 UTC, put in use by ada", for the model in use; empty for the others. */
    public static Optional<String> inUseSince(Saved saved, Optional<ModelShelf.Promotion> promotion) {
        return promotion.filter(p -> p.name().equals(saved.name())).map(p -> "in use since "
                + IN_USE_SINCE.format(p.at()) + ", put in use by " + p.by());
    }

    /** What a model's line says of its proposals: made, taken, rejected, from {@link #uses()}. */
    public static String useOf(Saved saved, Map<String, ModelShelf.Use> uses) {
        return uses.getOrDefault(saved.hash(), new ModelShelf.Use(0, 0, 0, 0, Double.NaN)).text();
    }

    /**
     * Puts a kept checkpoint in use for suggestions, whichever was before (going back to an earlier
     * model when the newest does worse on the clinic's cases, say). The next training is compared with it.
     */
    public void use(String name) throws AssistException {
        Optional<String> refused = store.modelShelf().whyNotTrain();
        if (refused.isPresent()) {
            throw new AssistException("The model in use was not changed: " + refused.get() + " (" + store.name() + ")");
        }
        list(); // a checkpoint only this workstation's folder holds is added to the project first
        try {
            store.modelShelf().promote(name, CurrentUser.name());
        } catch (ProjectException e) {
            throw new AssistException(e.getMessage(), e);
        }
    }

    /** The promoted learner, checked against its recorded hash; empty when none was promoted. */
    public Optional<BoxLearner> promoted() throws AssistException {
        Optional<Saved> saved = list().stream().filter(Saved::promoted).findFirst();
        return saved.isEmpty() ? Optional.empty() : Optional.of(load(saved.get()));
    }

    /** Adds a checkpoint to the project; returns whether it became the promoted model. */
    private boolean keep(Saved saved, Path checkpoint, boolean promote, String promotedBefore) throws AssistException {
        try {
            String evaluation = JSON.writeValueAsString(saved.promoted(false));
            String trainer = saved.kept() ? saved.trainedBy() : CurrentUser.name();
            return store.modelShelf().add(new ModelShelf.Entry(saved.name(), saved.hash(), evaluation, trainer,
                    java.time.Instant.parse(saved.trainedAt()), false), ModelArchive.pack(checkpoint), promote,
                    promotedBefore);
        } catch (IOException e) {
            throw new AssistException(checkpoint + ": the model cannot be read (" + e.getMessage() + ")", e);
        } catch (ProjectException e) {
            throw new AssistException(e.getMessage(), e);
        }
    }

    private List<Saved> kept() throws AssistException {
        List<Saved> kept = new ArrayList<>();
        try {
            for (ModelShelf.Entry e : store.modelShelf().list()) {
                kept.add(read(e.evaluation(), store.name() + ": model " + e.name()).promoted(e.promoted())
                        .trainedBy(e.trainedBy()));
            }
        } catch (ProjectException e) {
            throw new AssistException(e.getMessage(), e);
        }
        return kept;
    }

    /** The learner unpacked on this workstation, from the project when it is not here yet or no longer matches. */
    private BoxLearner load(Saved saved) throws AssistException {
        Path unpacked = folder.resolve(saved.name());
        if (!Files.isDirectory(unpacked)) {
            unpack(saved.name(), unpacked);
            return BoxLearner.load(unpacked, saved.hash());
        }
        try {
            return BoxLearner.load(unpacked, saved.hash());
        } catch (AssistException changed) {
            if (!saved.kept()) {
                throw changed;
            }
            unpack(saved.name(), unpacked);
            return BoxLearner.load(unpacked, saved.hash());
        }
    }

    private void unpack(String name, Path to) throws AssistException {
        try {
            ModelArchive.unpack(store.modelShelf().files(name), to);
        } catch (ProjectException e) {
            throw new AssistException(e.getMessage(), e);
        } catch (IOException e) {
            throw new AssistException(store.name() + ": model " + name + " cannot be unpacked into " + to + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Checkpoints in this workstation's folder that the project does not hold, marked as that folder's promoted one. */
    private List<Saved> folderOnly(List<String> kept) throws AssistException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        String promoted = folderPromoted().orElse(null);
        List<Saved> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(EVALUATION))
                    && !kept.contains(d.getFileName().toString())).toList()) {
                Path file = dir.resolve(EVALUATION);
                Saved s = read(Files.readString(file), file.toString());
                found.add(s.promoted(s.name().equals(promoted)).trainedBy(null));
            }
        } catch (IOException e) {
            throw new AssistException(folder + ": cannot be read (" + e.getMessage() + ")", e);
        }
        found.sort(java.util.Comparator.comparing(Saved::trainedAt));
        return found;
    }

    private Optional<String> folderPromoted() throws AssistException {
        Path pointer = folder.resolve(FOLDER_PROMOTED);
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(pointer.toFile()).path("name").asText());
        } catch (IOException e) {
            throw new AssistException(pointer + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static Saved read(String json, String where) throws AssistException {
        try {
            return JSON.readValue(json, Saved.class);
        } catch (IOException e) {
            throw new AssistException(where + ": not a model evaluation Groundwork wrote (" + e.getMessage() + ")", e);
        }
    }
}
