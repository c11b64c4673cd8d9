package org.groundwork.dataset.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.groundwork.annotate.core.project.AssistTrial;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.annotate.core.project.Progress;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.Readings;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.SeverityField;
import org.groundwork.dataset.export.internal.BarChart;
import org.groundwork.dataset.export.internal.CocoDataset;
import org.groundwork.dataset.export.internal.DatasetCard;
import org.groundwork.dataset.export.internal.ExportCase;
import org.groundwork.dataset.export.internal.Interchange;
import org.groundwork.dataset.export.internal.Masks;
import org.groundwork.dataset.export.internal.Pseudonyms;
import org.groundwork.dataset.export.internal.Quintuples;
import org.groundwork.dataset.export.internal.SftConversations;
import org.groundwork.dataset.export.internal.Splits;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.groundwork.viewer.core.nifti.NiftiWriter;

/**
 * Writes a project as a dataset: validates the cases, converts each volume to NIfTI, writes the
 * chosen formats and a dataset card into a temporary folder beside the target, and renames it into
 * place only when everything is written, so a failure leaves no partial dataset.
 */
public final class DatasetExporter {
    /** Version of the export layout and record fields; raised whenever either changes. */
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private DatasetExporter() {
    }

    public static ExportReport export(ProjectRepository store, ExportOptions options, LoadMonitor monitor)
            throws BadInputException, ProjectException {
        Path target = options.target().toAbsolutePath().normalize();
        refuseNonEmpty(target);
        Protocol protocol = store.protocol();
        Pseudonyms pseudonyms = new Pseudonyms(store.pseudonymSecret());
        List<ExportReport.Problem> problems = new ArrayList<>();
        List<ExportCase> cases = select(store, protocol, pseudonyms, options, problems);
        Path temp = target.resolveSibling("." + target.getFileName() + ".part-" + System.nanoTime());
        try {
            Files.createDirectories(temp);
            long start = System.nanoTime();
            List<ExportCase> written = convert(store, cases, options, protocol, temp, monitor, problems);
            long converted = System.nanoTime();
            Map<String, Integer> patients = Splits.assign(written, options.split(), options.seed());
            int records = writeFormats(written, options, protocol, pseudonyms, temp, problems, patients,
                    AssistTrial.of(store));
            ExportReport.Timings timings = new ExportReport.Timings((converted - start) / 1_000_000,
                    (System.nanoTime() - converted) / 1_000_000);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            int files;
            try (Stream<Path> all = Files.walk(target)) {
                files = (int) all.filter(Files::isRegularFile).count();
            }
            return new ExportReport(target, written.size(), patients.values().stream().mapToInt(i -> i).sum(), records,
                    files, problems, timings);
        } catch (IOException e) {
            throw new BadInputException(target, "the dataset could not be written (" + reason(e) + "); nothing was "
                    + "left behind", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") ? "the disk is full" : e instanceof java.nio.file.AccessDeniedException
                ? "permission denied: " + m : m;
    }

    private static void refuseNonEmpty(Path target) throws BadInputException {
        if (Files.isRegularFile(target)) {
            throw new BadInputException(target, "is a file; choose a folder for the dataset");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException(target, "is not empty; choose a new or empty folder for the dataset");
                }
            } catch (IOException e) {
                throw new BadInputException(target, "cannot be read (" + e.getMessage() + ")", e);
            }
        }
    }

    /** The cases to export: those with questions, valid grades and, when asked, nothing missing. */
    private static List<ExportCase> select(ProjectRepository store, Protocol protocol, Pseudonyms pseudonyms,
                                           ExportOptions options, List<ExportReport.Problem> problems) {
        boolean onlyComplete = options.onlyComplete();
        Map<Long, CaseAnnotations> all = store.annotations();
        List<ExportCase> cases = new ArrayList<>();
        for (CaseRecord c : store.cases()) {
            CaseAnnotations a = all.get(c.id()) == null ? null : readings(all.get(c.id()), options.readings(), problems);
            if (a == null || a.questions().isEmpty()) {
                continue;
            }
            List<String> invalid = invalidGrades(a, protocol);
            invalid.forEach(m -> problems.add(new ExportReport.Problem(c.id(), m, true)));
            long incomplete = a.questions().stream().filter(q -> !Progress.missing(a, q, protocol).isEmpty()).count();
            if (incomplete > 0) {
                problems.add(new ExportReport.Problem(c.id(), incomplete + " of " + a.questions().size()
                        + " question(s) incomplete", onlyComplete));
            }
            if (invalid.isEmpty() && (incomplete == 0 || !onlyComplete)) {
                String patient = c.patientKey() == null || c.patientKey().isBlank() ? "case:" + c.id() : c.patientKey();
                cases.add(new ExportCase(c, pseudonyms.caseName(c.id()), pseudonyms.patient(patient), a, all.get(c.id())));
            }
        }
        return cases;
    }

    /** The readings of a case to export, or null (with the reason noted) when it has none of those asked for. */
    private static CaseAnnotations readings(CaseAnnotations a, String which, List<ExportReport.Problem> problems) {
        if (which.equals("all")) {
            return a;
        }
        if (which.startsWith("reader:")) {
            return a.readBy(which.substring("reader:".length()));
        }
        if (a.readers().contains(Readings.CONSENSUS)) {
            return a.readBy(Readings.CONSENSUS);
        }
        if (a.readers().size() > 1) {
            problems.add(new ExportReport.Problem(a.caseId(), "read by " + String.join(", ", a.readers())
                    + " and not adjudicated yet: no consensus to export", true));
            return null;
        }
        return a; // one reading is its own consensus
    }

    private static List<String> invalidGrades(CaseAnnotations a, Protocol protocol) {
        List<String> invalid = new ArrayList<>();
        for (Question q : a.questions()) {
            List<SeverityField> fields = Progress.severity(q, protocol);
            for (Grade g : a.grades(q.id()).values()) {
                SeverityField field = fields.stream().filter(f -> f.name().equals(g.field())).findFirst().orElse(null);
                if (field == null || !field.allows(g.value())) {
                    invalid.add("grade \"" + g.field() + "\" = " + g.value() + " of question " + q.templateId()
                            + " is not in the protocol's schema");
                }
            }
        }
        return invalid;
    }

    /** Loads each case's volume, checks its boxes against it, writes the NIfTI (and mask, COCO slices). */
    private static List<ExportCase> convert(ProjectRepository store, List<ExportCase> cases, ExportOptions options,
                                            Protocol protocol, Path temp, LoadMonitor monitor,
                                            List<ExportReport.Problem> problems) throws IOException, ProjectException,
            BadInputException {
        List<ExportCase> written = new ArrayList<>();
        CocoDataset coco = options.formats().contains(ExportFormat.COCO) ? new CocoDataset(protocol) : null;
        for (int n = 0; n < cases.size(); n++) {
            if (monitor.cancelled()) {
                throw new CancellationException("export cancelled");
            }
            ExportCase c = cases.get(n);
            monitor.progress(n, cases.size(), "Converting case " + (n + 1) + " of " + cases.size());
            List<Path> files = store.imageFiles(c.record().id());
            ScanResult scan = files.isEmpty() ? null : new VolumeScanner().scan(files, LoadMonitor.NONE);
            if (scan == null || scan.volumes().isEmpty()) {
                problems.add(new ExportReport.Problem(c.record().id(), "its images could not be read"
                        + (scan == null || scan.failures().isEmpty() ? "" : " (" + scan.failures().get(0).reason() + ")"),
                        true));
                continue;
            }
            Volume v = scan.volumes().get(0);
            int[] size = {v.nx(), v.ny(), v.nz()};
            List<Box> outside = c.annotations().boxes().stream().filter(b -> !inside(b, size)).toList();
            if (!outside.isEmpty()) {
                problems.add(new ExportReport.Problem(c.record().id(), outside.size() + " box(es) reach outside the "
                        + size[0] + " x " + size[1] + " x " + size[2] + " volume", true));
                continue;
            }
            c.geometry(v.voxelToLps(), v.info().modality());
            NiftiWriter.write(v, temp.resolve(c.image()));
            if (options.formats().contains(ExportFormat.NIFTI)) {
                NiftiWriter.write(Masks.of(v, c.annotations().boxes(), protocol), temp.resolve(c.mask()));
            }
            if (coco != null) {
                coco.add(c, v, protocol, temp.resolve("coco"));
            }
            written.add(c);
        }
        monitor.progress(cases.size(), cases.size(), "Writing the dataset files");
        if (coco != null) {
            Files.createDirectories(temp.resolve("coco"));
            PRETTY.writeValue(temp.resolve("coco/annotations.json").toFile(), coco.json());
        }
        return written;
    }

    private static boolean inside(Box b, int[] size) {
        int[] min = b.min();
        int[] max = b.max();
        for (int a = 0; a < 3; a++) {
            if (min[a] < 0 || max[a] > size[a]) {
                return false;
            }
        }
        return true;
    }

    private static int writeFormats(List<ExportCase> cases, ExportOptions options, Protocol protocol,
                                    Pseudonyms pseudonyms, Path temp, List<ExportReport.Problem> problems,
                                    Map<String, Integer> patients, Optional<AssistTrial> trial) throws IOException {
        boolean masks = options.formats().contains(ExportFormat.NIFTI);
        Quintuples quintuples = new Quintuples(protocol, pseudonyms, masks);
        int records = 0;
        if (options.formats().contains(ExportFormat.QUINTUPLES)) {
            records = writeQuintuples(cases, quintuples, temp);
        } else {
            records = cases.stream().mapToInt(c -> c.annotations().questions().size()).sum();
        }
        writeSplits(cases, temp, masks);
        if (masks) {
            ObjectNode labels = JSON.createObjectNode();
            labels.put("0", "background");
            protocol.regions().forEach(r -> labels.put(String.valueOf(Interchange.label(protocol, r.id())), r.name()));
            PRETTY.writeValue(temp.resolve("labels.json").toFile(), labels);
        }
        if (options.formats().contains(ExportFormat.MONAI)) {
            PRETTY.writeValue(temp.resolve("dataset.json").toFile(),
                    Interchange.monai(options.target().getFileName().toString(), protocol, cases, masks));
        }
        if (options.formats().contains(ExportFormat.SLICER)) {
            Files.createDirectories(temp.resolve("markups"));
            for (ExportCase c : cases) {
                PRETTY.writeValue(temp.resolve("markups/" + c.name() + ".mrk.json").toFile(), Interchange.slicer(c, protocol));
            }
        }
        if (options.formats().contains(ExportFormat.SFT)) {
            ArrayNode conversations = JSON.createArrayNode();
            for (ExportCase c : cases) {
                for (Question q : c.annotations().questions()) {
                    conversations.add(SftConversations.conversation(quintuples, c, q, options.sftStyle()));
                }
            }
            PRETTY.writeValue(temp.resolve("sft-" + options.sftStyle() + ".json").toFile(), conversations);
        }
        DatasetCard card = new DatasetCard(protocol, pseudonyms, cases, trial);
        Files.createDirectories(temp.resolve("plots"));
        Files.write(temp.resolve("plots/grades.png"), BarChart.png("Grade distribution", card.gradeCounts(), ""));
        Files.write(temp.resolve("plots/box-sizes.png"), BarChart.png("Mean box volume per region", card.boxSizes(), "cm3"));
        List<String> formats = options.formats().stream().map(ExportFormat::id).toList();
        Files.writeString(temp.resolve("README.md"), card.markdown(options.target().getFileName().toString(),
                FORMAT_VERSION, formats, patients, records, problems.stream().map(p -> "case "
                        + pseudonyms.caseName(p.caseId()) + ": " + p.message() + (p.excluded() ? " (left out)" : ""))
                        .toList()));
        return records;
    }

    private static int writeQuintuples(List<ExportCase> cases, Quintuples quintuples, Path temp) throws IOException {
        int records = 0;
        try (BufferedWriter out = Files.newBufferedWriter(temp.resolve("quintuples.jsonl"), StandardCharsets.UTF_8)) {
            for (ExportCase c : cases) {
                for (Question q : c.annotations().questions()) {
                    out.write(JSON.writeValueAsString(quintuples.record(c, q)));
                    out.write('\n');
                    records++;
                }
            }
        }
        return records;
    }

    private static void writeSplits(List<ExportCase> cases, Path temp, boolean masks) throws IOException {
        Files.createDirectories(temp.resolve("splits"));
        for (String split : Splits.NAMES) {
            StringBuilder csv = new StringBuilder("patient_id,case_id,image_filepath" + (masks ? ",label_filepath" : "") + "\n");
            cases.stream().filter(c -> c.split().equals(split)).sorted(Comparator.comparing(ExportCase::name))
                    .forEach(c -> csv.append(c.patient()).append(',').append(c.name()).append(',').append(c.image())
                            .append(masks ? "," + c.mask() : "").append('\n'));
            Files.writeString(temp.resolve("splits/" + split + "_split.csv"), csv);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a hidden ".part" folder named after the target
                }
            });
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
