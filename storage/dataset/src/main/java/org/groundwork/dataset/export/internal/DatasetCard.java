package org.groundwork.dataset.export.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.groundwork.dataset.agreement.Bootstrap;
import org.groundwork.dataset.agreement.ReaderAgreement;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.AssistEffort;
import org.groundwork.annotate.core.project.AssistReport;
import org.groundwork.annotate.core.project.AssistTrial;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.protocol.Protocol;

/**
 * The dataset card written with every export: what is in it (counts per split, region, question,
 * grade and annotator), the time spent and the share made with a model, agreement between readers
 * where several graded the same question, the conventions of the files, and two plots.
 */
public final class DatasetCard {
    private final Protocol protocol;
    private final Pseudonyms pseudonyms;
    private final List<ExportCase> cases;
    private final Optional<AssistTrial> trial;

    /** {@code trial}: the project's assist trial, whose arms the card's effort comparison follows, if it has one. */
    public DatasetCard(Protocol protocol, Pseudonyms pseudonyms, List<ExportCase> cases, Optional<AssistTrial> trial) {
        this.protocol = protocol;
        this.pseudonyms = pseudonyms;
        this.cases = cases;
        this.trial = trial;
    }

    /** Grade counts by "field = value", for the card and its plot. */
    public Map<String, Double> gradeCounts() {
        Map<String, Double> counts = new TreeMap<>();
        for (ExportCase c : cases) {
            for (Question q : c.annotations().questions()) {
                for (Grade g : c.annotations().grades(q.id()).values()) {
                    counts.merge(g.field() + " = " + g.value(), 1.0, Double::sum);
                }
            }
        }
        return counts;
    }

    /** Mean box volume in cubic centimetres per region, for the card and its plot. */
    public Map<String, Double> boxSizes() {
        Map<String, double[]> sums = new TreeMap<>();
        for (ExportCase c : cases) {
            for (Box b : c.annotations().boxes()) {
                double[] mm = BoxJson.size(b, c.voxelToLps());
                double[] s = sums.computeIfAbsent(protocol.regionName(b.regionId()), k -> new double[2]);
                s[0] += mm[0] * mm[1] * mm[2] / 1000;
                s[1]++;
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((region, s) -> means.put(region, Math.round(s[0] / s[1] * 10) / 10.0));
        return means;
    }

    public String markdown(String name, int formatVersion, List<String> formats, Map<String, Integer> patientsBySplit,
                           int records, List<String> problems) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(name).append("\n\n");
        md.append("Exported by Groundwork (export format ").append(formatVersion).append(") with the protocol **")
                .append(protocol.name()).append("** (`").append(protocol.id()).append("`, version ")
                .append(protocol.version()).append("). Formats: ").append(String.join(", ", formats)).append(".\n\n");
        Map<String, Integer> casesBySplit = new TreeMap<>();
        cases.forEach(c -> casesBySplit.merge(c.split(), 1, Integer::sum));
        md.append("## Contents\n\n| split | patients | cases |\n|---|---|---|\n");
        for (String split : Splits.NAMES) {
            md.append("| ").append(split).append(" | ").append(patientsBySplit.getOrDefault(split, 0)).append(" | ")
                    .append(casesBySplit.getOrDefault(split, 0)).append(" |\n");
        }
        md.append("\n").append(records).append(" quintuple(s) (one per case and question). Patients never cross splits.\n\n");
        table(md, "Per region", "region", "questions", "boxes", perRegion());
        table(md, "Per question", "question", "records", "complete", perQuestion());
        md.append("## Grades\n\n| grade | count |\n|---|---|\n");
        gradeCounts().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.intValue()).append(" |\n"));
        md.append("\n![Grade distribution](plots/grades.png)\n\n![Box sizes per region](plots/box-sizes.png)\n\n");
        table(md, "Per annotator (pseudonyms)", "annotator", "questions", "boxes", perAnnotator());
        long seconds = cases.stream().mapToLong(c -> c.record().activeSeconds()).sum();
        md.append(String.format(Locale.ROOT, "Active annotation time: %.1f h over %d case(s). ", seconds / 3600.0,
                cases.size()));
        md.append(String.format(Locale.ROOT, "Made with a model's help: %.1f%% of boxes, steps and grades.%n%n",
                100 * modelShare()));
        md.append("## Agreement between readers\n\n").append(agreement()).append("\n\n");
        md.append("## Model assistance\n\n");
        AssistReport assist = AssistReport.of(cases.stream().map(ExportCase::annotations).toList());
        assist.text().lines().forEach(line -> md.append("- ").append(line).append('\n'));
        proposalsByRegion(md, assist);
        AssistEffort.of(cases.stream().map(ExportCase::record).toList(),
                cases.stream().collect(java.util.stream.Collectors.toMap(c -> c.record().id(), ExportCase::annotations, (a, b) -> a)), trial)
                .text().lines().forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
        md.append("""
                ## Conventions

                - Volumes: `images/<case>.nii.gz`, NIfTI-1 with sform and qform in RAS millimetres; the voxel array is
                  stored as acquired, so voxel indices in the records refer to it directly (nibabel: `img.dataobj[i, j, k]`).
                - Boxes: half-open voxel extents. `slice_first` is `[s0, s1, x0, x1, y0, y1]` with s along NIfTI axis 2
                  (k, slices), x along axis 0 (i, columns) and y along axis 1 (j, rows); `s0`, `x0`, `y0` are the first
                  voxel inside, `s1`, `x1`, `y1` the first voxel past the box (exclusive). `voxel_min`/`voxel_max` give
                  the same as (i, j, k). `lps_mm` and `ras_mm` give the centre, the edge lengths and the axis directions
                  (row-major 3x3, columns are the volume's axes) in patient millimetres.
                - Masks (`masks/`, when exported): one label map per case on the image grid, value = the region's label in
                  `labels.json`, boxes filled in creation order (a later box overwrites an earlier one where they overlap).
                - Splits: `splits/{train,val,test}_split.csv`, assigned by patient with a fixed seed.
                - Identities: patients, cases and annotators are pseudonyms derived from a secret kept only in the project;
                  no names, IDs, birth dates, accession numbers, institutions, physicians, dates or series descriptions are
                  exported.
                """);
        if (!problems.isEmpty()) {
            md.append("\n## Validation\n\n");
            problems.forEach(p -> md.append("- ").append(p).append('\n'));
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, String key, String a, String b, Map<String, int[]> rows) {
        md.append("## ").append(title).append("\n\n| ").append(key).append(" | ").append(a).append(" | ").append(b)
                .append(" |\n|---|---|---|\n");
        rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v[0]).append(" | ").append(v[1]).append(" |\n"));
        md.append('\n');
    }

    /** Each region's proposals: made, taken, rejected, the share taken of the decided and the IoU to the box kept. */
    private void proposalsByRegion(StringBuilder md, AssistReport assist) {
        if (assist.regions().isEmpty()) {
            return;
        }
        md.append("\n| region | proposals | taken | rejected | taken of decided | mean IoU, taken to kept |\n"
                + "|---|---|---|---|---|---|\n");
        for (AssistReport.RegionOutcome r : assist.regions()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s |%n", protocol.regionName(r.regionId()),
                    r.proposals(), r.taken(), r.rejected(), Double.isNaN(r.takenShare()) ? "n/a"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * r.takenShare()),
                    Double.isNaN(r.meanKeptIou()) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.meanKeptIou())));
        }
    }

    private Map<String, int[]> perRegion() {
        Map<String, int[]> rows = new TreeMap<>();
        for (ExportCase c : cases) {
            c.annotations().questions().forEach(q -> rows.computeIfAbsent(protocol.regionName(q.regionId()),
                    k -> new int[2])[0]++);
            c.annotations().boxes().forEach(b -> rows.computeIfAbsent(protocol.regionName(b.regionId()),
                    k -> new int[2])[1]++);
        }
        return rows;
    }

    private Map<String, int[]> perQuestion() {
        Map<String, int[]> rows = new TreeMap<>();
        for (ExportCase c : cases) {
            for (Question q : c.annotations().questions()) {
                int[] row = rows.computeIfAbsent(q.templateId() == null ? "free question" : q.templateId(), k -> new int[2]);
                row[0]++;
                if (org.groundwork.annotate.core.project.Progress.missing(c.annotations(), q, protocol).isEmpty()) {
                    row[1]++;
                }
            }
        }
        return rows;
    }

    private Map<String, int[]> perAnnotator() {
        Map<String, int[]> rows = new TreeMap<>();
        for (ExportCase c : cases) {
            c.annotations().questions().forEach(q -> rows.computeIfAbsent(pseudonyms.annotator(q.provenance().author()),
                    k -> new int[2])[0]++);
            c.annotations().boxes().forEach(b -> rows.computeIfAbsent(pseudonyms.annotator(b.provenance().author()),
                    k -> new int[2])[1]++);
        }
        return rows;
    }

    private double modelShare() {
        long all = 0;
        long model = 0;
        for (ExportCase c : cases) {
            CaseAnnotations a = c.annotations();
            List<org.groundwork.annotate.core.project.Provenance> made = new ArrayList<>();
            a.boxes().forEach(b -> made.add(b.provenance()));
            a.questions().forEach(q -> {
                a.steps(q.id()).forEach(s -> made.add(s.provenance()));
                a.grades(q.id()).values().forEach(g -> made.add(g.provenance()));
            });
            all += made.size();
            model += made.stream().filter(p -> p.origin().name().startsWith("MODEL")).count();
        }
        return all == 0 ? 0 : (double) model / all;
    }

    /**
     * Agreement between readers who answered the same case: per region the 3D IoU and Dice of their
     * boxes, per severity field Cohen's kappa, each with a bootstrap interval over cases.
     */
    String agreement() {
        ReaderAgreement agreement = ReaderAgreement.of(protocol, cases.stream().map(ExportCase::readings).toList());
        if (agreement.isEmpty()) {
            return "Each case was read by one reader only, so no agreement can be given.";
        }
        StringBuilder md = new StringBuilder("Two readers' answers on the same case, compared; 95% intervals from "
                + Bootstrap.RESAMPLES + " bootstrap draws over cases.\n");
        if (!agreement.regions().isEmpty()) {
            md.append("\n| region | pairs | cases | mean 3D IoU (95% CI) | median IoU | mean Dice |\n|---|---|---|---|---|---|\n");
            for (ReaderAgreement.RegionAgreement r : agreement.regions()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.2f | %.2f |%n", r.regionName(), r.pairs(),
                        r.cases().size(), r.meanIou().format(), r.medianIou(), r.meanDice()));
            }
        }
        if (!agreement.fields().isEmpty()) {
            md.append("\n| severity field | pairs | cases | agreement | kappa | linear-weighted kappa "
                    + "| quadratic-weighted kappa |\n|---|---|---|---|---|---|---|\n");
            for (ReaderAgreement.FieldAgreement f : agreement.fields()) {
                String weighted = "n/a (nominal)";
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %s | %s | %s |%n", f.field(), f.pairs(),
                        f.cases().size(), f.percentAgreement().value(), f.kappa().format(),
                        f.nominal() ? weighted : f.linearKappa().format(), f.nominal() ? weighted : f.quadraticKappa().format()));
            }
            md.append("\nFor scale: published MOAKS inter-reader weighted kappas are 0.56 (cartilage), 0.61 (osteophytes) "
                    + "and 0.79 (bone marrow lesion size).\n");
        }
        if (!agreement.versusConsensus().isEmpty()) {
            md.append("\n| against the consensus | box pairs | mean 3D IoU (95% CI) | grade pairs | agreement "
                    + "| linear-weighted kappa, fields pooled |\n|---|---|---|---|---|---|\n");
            for (ReaderAgreement.VersusConsensus v : agreement.versusConsensus()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | %s |%n",
                        v.model() ? v.reader() : pseudonyms.annotator(v.reader()), v.boxPairs(), v.meanIou().format(),
                        v.gradePairs(), v.gradePairs() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%",
                                v.percentAgreement().value()), v.linearKappa().format()));
            }
        }
        return md.toString().stripTrailing();
    }
}
