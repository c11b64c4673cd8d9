package org.groundwork.annotate.core.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading effort with and without the model's help: the finished cases (status done, with active
 * time) with model proposals against those without, each group's median active time per case and per
 * box kept. With an {@link AssistTrial} the groups are its two arms, drawn at random, so the ratio
 * measures what proposals change; without one they are the cases that had proposals and those that
 * had none, and the ratio is only an observation of this project.
 */
public record AssistEffort(Group withProposals, Group withoutProposals, boolean randomised) {
    /**
     * One group of finished cases: how many, the median active seconds per case, and the median
     * active seconds per box kept (NaN when no case of the group has a box).
     */
    public record Group(int cases, double medianSeconds, double medianSecondsPerBox) {
        String text() {
            if (cases == 0) {
                return "none yet";
            }
            return String.format(Locale.ROOT, "%d case(s), median %s%s", cases, duration(medianSeconds),
                    Double.isNaN(medianSecondsPerBox) ? ""
                            : String.format(Locale.ROOT, " (%.0f s per box kept)", medianSecondsPerBox));
        }
    }

    /** The groups by the proposals the cases had. */
    public static AssistEffort of(Collection<CaseRecord> cases, Map<Long, CaseAnnotations> annotations) {
        return of(cases, annotations, Optional.empty());
    }

    /** The groups by the trial's arms when there is a trial, else by the proposals the cases had. */
    public static AssistEffort of(Collection<CaseRecord> cases, Map<Long, CaseAnnotations> annotations,
                                  Optional<AssistTrial> trial) {
        List<Double> with = new ArrayList<>();
        List<Double> withPerBox = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        List<Double> withoutPerBox = new ArrayList<>();
        for (CaseRecord c : cases) {
            if (c.status() != CaseStatus.DONE || c.activeSeconds() <= 0) {
                continue; // an unfinished case's time is not yet what reading it takes
            }
            CaseAnnotations a = annotations.getOrDefault(c.id(), CaseAnnotations.empty(c.id()));
            boolean helped = trial.map(t -> t.withProposals(c.id())).orElse(!a.suggestions().isEmpty());
            (helped ? with : without).add((double) c.activeSeconds());
            if (!a.boxes().isEmpty()) {
                (helped ? withPerBox : withoutPerBox).add((double) c.activeSeconds() / a.boxes().size());
            }
        }
        return new AssistEffort(new Group(with.size(), median(with), median(withPerBox)),
                new Group(without.size(), median(without), median(withoutPerBox)), trial.isPresent());
    }

    /** Median time with proposals over median time without; NaN unless both groups have cases. */
    public double timeRatio() {
        return withProposals.cases == 0 || withoutProposals.cases == 0 ? Double.NaN
                : withProposals.medianSeconds / withoutProposals.medianSeconds;
    }

    /** The comparison as lines for the Assist report and the dataset card. */
    public String text() {
        double ratio = timeRatio();
        String arm = randomised ? "Assist trial, finished cases of the arm " : "Finished cases read ";
        return arm + "with model proposals: " + withProposals.text() + "\n"
                + arm + "without: " + withoutProposals.text() + "\n"
                + (Double.isNaN(ratio) ? "Time with proposals against without: - (needs finished cases of both kinds)"
                        : String.format(Locale.ROOT, "Time with proposals against without: %.2fx the median time "
                                + "per case (%s)", ratio, randomised ? "the arms were drawn at random"
                                : "an observation: the cases were not assigned at random"));
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
