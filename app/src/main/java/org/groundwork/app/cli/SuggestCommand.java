package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Suggestion;
import org.groundwork.app.assist.ProjectAssist;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.SuggestionModels;
import org.groundwork.storage.ProjectStore;
import org.groundwork.viewer.core.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork suggest}: a model's proposals for a project's cases, stored as pending suggestions. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Learn from the project's boxes and store a model's proposed boxes for other cases as pending "
                + "suggestions (never as boxes: a reader accepts, edits or rejects each). By default for every case "
                + "that has no box yet, for every region the model knows.")
final class SuggestCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT")
    private String project;

    @Option(names = "--cases", split = ",", paramLabel = "ID", description = "the cases to suggest for")
    private List<Long> caseIds = new ArrayList<>();

    @Option(names = "--regions", split = ",", paramLabel = "REGION", description = "protocol region ids to suggest")
    private List<String> regions = new ArrayList<>();

    @Option(names = "--model", defaultValue = "atlas-prior", paramLabel = "ID",
            description = "a model (default: ${DEFAULT-VALUE}; `groundwork suggest --list-models` lists them) or a folder "
                    + "with a TorchScript model and its descriptor.json")
    private String modelId;

    @Option(names = "--list-models", description = "list the models and exit")
    private boolean listModels;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listModels) {
            SuggestionModels.factories().forEach(f -> out.println(f.id() + "  " + f.description()));
            out.flush();
            return 0;
        }
        if (project == null) {
            err.println("error: name the project to suggest for (or --list-models)");
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
        try (ProjectStore store = ProjectStore.open(project, false)) {
            Set<String> unknown = new LinkedHashSet<>(regions);
            store.protocol().regions().forEach(r -> unknown.remove(r.id()));
            if (!unknown.isEmpty()) {
                err.println("error: " + project + ": the protocol has no region " + String.join(", ", unknown));
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
            List<CaseRecord> targets = targets(store);
            if (targets.isEmpty()) {
                err.println("error: " + project + ": no case to suggest for (every case has boxes; name some with --cases)");
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
            var results = new ProjectAssist(store, Clock.systemUTC()).suggest(modelId, targets,
                    new LinkedHashSet<>(regions), org.groundwork.app.CurrentUser.name(), new ImportCommand.ProgressPrinter(err, "Suggesting"));
            int stored = 0;
            for (ProjectAssist.CaseSuggestions r : results) {
                for (Suggestion s : r.suggestions()) {
                    out.printf(Locale.ROOT, "case %d  %-32s %s..%s  confidence %.2f  for %s%n", r.record().id(),
                            s.regionId(), java.util.Arrays.toString(s.min()), java.util.Arrays.toString(s.max()),
                            s.confidence(), s.reader());
                    stored++;
                }
            }
            if (results.size() < targets.size()) {
                out.printf(Locale.ROOT, "%d case(s) left without proposals: the project's assist trial reads them "
                        + "without%n", targets.size() - results.size());
            }
            var first = results.stream().flatMap(r -> r.suggestions().stream()).findFirst();
            out.printf(Locale.ROOT, "%d pending suggestion(s) for %d case(s) from %s (%s)%n", stored, results.size(),
                    first.map(Suggestion::modelId).orElse(modelId),
                    first.map(s -> s.modelHash().substring(0, 12)).orElse("-"));
            out.flush();
            return 0;
        } catch (ProjectException | AssistException | BadInputException e) {
            err.println("error: " + e.getMessage());
            return GroundworkCommand.EXIT_BAD_INPUT;
        }
    }

    /** The named cases, or every case without a box. */
    private List<CaseRecord> targets(ProjectStore store) {
        var all = store.annotations();
        return store.cases().stream().filter(c -> caseIds.isEmpty() ? all.getOrDefault(c.id(),
                CaseAnnotations.empty(c.id())).boxes().isEmpty() : caseIds.contains(c.id())).toList();
    }
}
