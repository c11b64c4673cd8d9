package org.groundwork.app.assist;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.groundwork.annotate.core.project.AssistTrial;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.Proposal;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.assist.SuggestionModelFactory;
import org.groundwork.assist.TrainingCase;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;

/**
 * Assist on a project: its readers' boxes as training cases, a model made from them, and that
 * model's proposals for other cases stored as pending suggestions (never as boxes).
 */
public final class ProjectAssist {
    private final ProjectRepository store;
    private final Clock clock;

    public ProjectAssist(ProjectRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What one run proposed for one case. */
    public record CaseSuggestions(CaseRecord record, List<Suggestion> suggestions) {
    }

    /**
     * The cases whose boxes a model may learn from: every case with at least one box a reader drew or
     * accepted (a rejected proposal teaches nothing), except the {@code excluded} ones: the cases
     * {@link ProjectRepository#casesToLearnFrom()} counts.
     */
    public List<TrainingCase> trainingCases(Set<Long> excluded) {
        Map<Long, CaseAnnotations> all = store.annotations();
        List<TrainingCase> cases = new ArrayList<>();
        for (CaseRecord c : store.cases()) {
            if (excluded.contains(c.id())) {
                continue;
            }
            List<RegionBox> boxes = all.getOrDefault(c.id(), CaseAnnotations.empty(c.id())).boxes().stream()
                    .filter(b -> b.regionId() != null && b.provenance().origin() != Provenance.Origin.MODEL_REJECTED)
                    .map(b -> new RegionBox(b.regionId(), b.min(), b.max())).toList();
            if (!boxes.isEmpty()) {
                cases.add(new ProjectCase(c, boxes));
            }
        }
        return cases;
    }

    /**
     * Trains a model with {@code factory} on every annotated case but the targets, then stores its
     * proposals for the targets as pending suggestions (one edit per case, so each can be undone):
     * one set for each reader the case is dealt to (a proposal and what becomes of it belong to one
     * reader's reading), or for {@code user} when it is dealt to nobody or this session is a reader's,
     * who sees only their own reading.
     */
    public List<CaseSuggestions> suggest(String modelName, List<CaseRecord> targets, Set<String> regions,
                                         String user, LoadMonitor monitor)
            throws AssistException, ProjectException, BadInputException {
        Optional<AssistTrial> trial = AssistTrial.of(store);
        if (trial.isPresent()) { // the trial's arm without proposals gets none
            targets = targets.stream().filter(t -> trial.get().withProposals(t.id())).toList();
        }
        Set<Long> targetIds = new LinkedHashSet<>();
        targets.forEach(t -> targetIds.add(t.id()));
        SuggestionModel model = model(modelName, targetIds, monitor);
        Map<Long, List<String>> dealt = store.readerAssignments();
        List<CaseSuggestions> results = new ArrayList<>();
        try {
            for (int n = 0; n < targets.size(); n++) {
                CaseRecord target = targets.get(n);
                monitor.progress(n, targets.size(), "Suggesting for case " + target.id() + " (" + (n + 1) + " of "
                        + targets.size() + ")");
                // A reader of a shared project proposes only for their own reading; the server refuses more.
                List<String> readers = store.seesAllAnswers() ? dealt.getOrDefault(target.id(), List.of()) : List.of(user);
                List<Suggestion> proposed = propose(model, target, regions, readers.isEmpty() ? user : readers.get(0),
                        monitor);
                List<Suggestion> suggestions = new ArrayList<>(proposed);
                for (String other : readers.stream().skip(1).toList()) {
                    proposed.forEach(s -> suggestions.add(s.forReader(UUID.randomUUID().toString(), other)));
                }
                store.apply(new Edit.AddSuggestions(target.id(), suggestions), user);
                results.add(new CaseSuggestions(target, suggestions));
            }
        } finally {
            if (model instanceof AutoCloseable closeable) {
                closeQuietly(closeable); // a learnt model's native memory, also when a case fails
            }
        }
        monitor.progress(targets.size(), targets.size(), "Suggestions stored for " + targets.size() + " case(s)");
        return results;
    }

    /** Refuses proposals for a case that the project's assist trial reads without them. */
    public void checkTrialAllowsProposals(long caseId) throws AssistException, ProjectException {
        Optional<AssistTrial> trial = AssistTrial.of(store);
        if (trial.isPresent() && !trial.get().withProposals(caseId)) {
            throw new AssistException(AssistTrial.withoutProposals(caseId));
        }
    }

    /**
     * The model called {@code name}: a folder holding a TorchScript model and its descriptor, or one of
     * the models found with ServiceLoader (see {@link #model(SuggestionModelFactory, Set, LoadMonitor)}).
     */
    public SuggestionModel model(String name, Set<Long> excluded, LoadMonitor monitor) throws AssistException {
        java.nio.file.Path folder = java.nio.file.Path.of(name);
        if (org.groundwork.assist.torchscript.TorchScriptModel.isModelFolder(folder)) {
            return org.groundwork.assist.torchscript.TorchScriptModel.load(folder);
        }
        SuggestionModelFactory factory = org.groundwork.assist.SuggestionModels.factory(name).orElseThrow(() ->
                new AssistException("no model is called " + name + ", and " + name + " is no folder with a "
                        + org.groundwork.assist.torchscript.TorchScriptModel.DESCRIPTOR
                        + "; `groundwork suggest --list-models` lists the models"));
        return model(factory, excluded, monitor);
    }

    /**
     * The model to suggest with: for the learner, the one promoted in this project (it was judged on
     * held-out cases when trained); for the atlas prior, one learnt now from every case but the excluded.
     */
    public SuggestionModel model(SuggestionModelFactory factory, Set<Long> excluded, LoadMonitor monitor)
            throws AssistException {
        if (factory.id().equals(org.groundwork.assist.learn.BoxLearner.ID)) {
            return models().promoted().orElseThrow(() -> new AssistException("no " + factory.id()
                    + " model has been promoted in " + store.name() + " yet: `groundwork train` trains one"));
        }
        return factory.train(trainingCases(excluded), monitor);
    }

    /** The project's learnt models. */
    public ProjectModels models() {
        return new ProjectModels(store, this, clock);
    }

    /**
     * The model's proposals for a case as pending suggestions for {@code reader}, not stored (all
     * regions it knows when none are named).
     */
    public List<Suggestion> propose(SuggestionModel model, CaseRecord target, Set<String> regions, String reader,
                                    LoadMonitor monitor) throws AssistException, ProjectException, BadInputException {
        return propose(model, target.id(), volume(target), regions, reader, monitor);
    }

    /** As {@link #propose(SuggestionModel, CaseRecord, Set, String, LoadMonitor)} on the case's volume already loaded. */
    public List<Suggestion> propose(SuggestionModel model, long caseId, Volume volume, Set<String> regions,
                                    String reader, LoadMonitor monitor) throws AssistException {
        List<Suggestion> suggestions = new ArrayList<>();
        for (Proposal p : model.suggest(volume, regions.isEmpty() ? model.regions() : regions, monitor)) {
            suggestions.add(Suggestion.pending(UUID.randomUUID().toString(), caseId, p.box().regionId(),
                    p.box().min(), p.box().max(), p.confidence(), p.modelId(), p.modelHash(), p.latencyMillis(),
                    clock.instant(), reader));
        }
        return suggestions;
    }

    /** Releases a model's native memory; a failure to release it is not the user's concern. */
    static void closeQuietly(AutoCloseable model) {
        try {
            model.close();
        } catch (Exception ignored) {
            // the engine frees it at exit
        }
    }

    /** The volume a case's boxes are drawn on: the first series its images make. */
    private Volume volume(CaseRecord c) throws ProjectException, BadInputException {
        List<Path> files = store.imageFiles(c.id());
        ScanResult scan = new VolumeScanner().scan(files, LoadMonitor.NONE);
        if (scan.volumes().isEmpty()) {
            Path where = files.isEmpty() ? store.localFolder() : files.get(0);
            String why = scan.failures().isEmpty() ? "no image file of the case was found"
                    : scan.failures().get(0).reason();
            throw new BadInputException(where, "case " + c.id() + " cannot be read: " + why);
        }
        return scan.volumes().get(0);
    }

    /** A project case as a training case; its volume is read only when the model asks for it. */
    private final class ProjectCase implements TrainingCase {
        private final CaseRecord record;
        private final List<RegionBox> boxes;

        ProjectCase(CaseRecord record, List<RegionBox> boxes) {
            this.record = record;
            this.boxes = boxes;
        }

        @Override
        public String patientKey() {
            return record.patientKey();
        }

        @Override
        public Volume volume() throws BadInputException {
            try {
                return ProjectAssist.this.volume(record);
            } catch (ProjectException e) {
                throw new BadInputException(store.localFolder(), e.getMessage(), e);
            }
        }

        @Override
        public List<RegionBox> boxes() {
            return boxes;
        }
    }
}
