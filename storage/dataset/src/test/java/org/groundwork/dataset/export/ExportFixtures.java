package org.groundwork.dataset.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.dicom.Tag;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;

/**
 * An annotated knee project of several patients whose DICOM headers carry planted identities in
 * every field that identifies a patient, for export tests.
 */
public final class ExportFixtures {
    /** Identifying values planted in the inputs; none may appear in an export. */
    public static final List<String> PHI = List.of("Doe^Jonathan", "PID-7734215", "19520314", "ACC-99887766",
            "St. Elsewhere General", "Dr^Feelgood", "20230405", "Jonathan knee left", "Nurse^Ratched",
            "Operator^Olga", "1 Hospital Road", "Knee study of Jonathan");
    private static final String[] PATIENTS = {"PID-7734215", "PID-1000002", "PID-1000003", "PID-1000004"};

    private ExportFixtures() {
    }

    /** Writes one 24 x 20 x 12 axial series with the planted identities; patient {@code p}. */
    static void series(Path dir, String uid, int p) throws IOException {
        Files.createDirectories(dir);
        for (int k = 0; k < 12; k++) {
            DicomFileBuilder b = SyntheticSeries.slice(DicomFileBuilder.EXPLICIT_LE, uid, 24, 20, k,
                    new double[] {-10, 20, 5 + 1.5 * k}, SyntheticSeries.AXIAL, 0.8, 0.7)
                    .string(Tag.PATIENT_NAME, "PN", p == 0 ? "Doe^Jonathan" : "Patient^" + p)
                    .string(Tag.PATIENT_ID, "LO", PATIENTS[p])
                    .string(0x00100030, "DA", "19520314")
                    .string(0x00080050, "SH", "ACC-99887766")
                    .string(0x00080080, "LO", "St. Elsewhere General")
                    .string(0x00080081, "ST", "1 Hospital Road")
                    .string(0x00080090, "PN", "Dr^Feelgood")
                    .string(0x00081050, "PN", "Nurse^Ratched")
                    .string(0x00081070, "PN", "Operator^Olga")
                    .string(Tag.STUDY_DATE, "DA", "20230405")
                    .string(0x00081030, "LO", "Knee study of Jonathan")
                    .string(Tag.SERIES_DESCRIPTION, "LO", "Jonathan knee left");
            Files.write(dir.resolve(String.format("IM%04d.dcm", k + 1)), b.build());
        }
    }

    /**
     * Five cases of four patients (the first patient has two series): cases 1-3 complete, case 4
     * incomplete, case 5 graded by two readers on the same question.
     */
    public static Path project(Path tmp) throws IOException, ProjectException {
        Path data = tmp.resolve("data of Doe^Jonathan");
        series(data.resolve("a"), "1.2.3.101", 0);
        series(data.resolve("b"), "1.2.3.102", 0);
        series(data.resolve("c"), "1.2.3.103", 1);
        series(data.resolve("d"), "1.2.3.104", 2);
        series(data.resolve("e"), "1.2.3.105", 3);
        Path project = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.importFolders(store, List.of(data), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
            List<CaseRecord> cases = store.cases();
            for (int n = 0; n < cases.size(); n++) {
                annotate(store, cases.get(n).id(), n);
            }
        }
        return project;
    }

    private static void annotate(SqliteProjectStore store, long caseId, int n) throws ProjectException {
        Provenance me = Provenance.human("dr.smith", Instant.parse("2026-01-01T10:00:00Z"));
        Provenance model = new Provenance("dr.smith", Instant.parse("2026-01-01T10:01:00Z"),
                Provenance.Origin.MODEL_EDITED, "knee-boxes", "abc123");
        String q = "q-" + caseId;
        store.apply(new Edit.PutBox(new Box("box-" + caseId, caseId, "femur-medial-central", null,
                new int[] {3 + n, 4, 2}, new int[] {15, 12, 9}, Box.Shape.VOLUME, null, n == 1 ? model : me)), "dr.smith");
        store.apply(new Edit.PutBox(new Box("flat-" + caseId, caseId, "patella-medial", null,
                new int[] {2, 3, 6}, new int[] {9, 8, 7}, Box.Shape.SLICE, null, me)), "dr.smith");
        store.apply(new Edit.PutQuestion(new Question(q, caseId, "femur-medial-central", "q20",
                "Is the cartilage of the femur medial central subregion damaged?", me)), "dr.smith");
        store.apply(new Edit.PutStep(caseId, new ReasoningStep("s1-" + caseId, q, "Box the medial condyle.",
                new Evidence.BoxRef("box-" + caseId), me), 0), "dr.smith");
        store.apply(new Edit.PutStep(caseId, new ReasoningStep("s2-" + caseId, q, "Thinning on the sagittal slice.",
                new Evidence.ViewBookmark("SAGITTAL", 7, 300, 900, new double[] {-4, 22.5, 9.5}), me), 1), "dr.smith");
        store.apply(new Edit.SetGrade(caseId, new Grade(q, "Size of lesion", n % 4, me)), "dr.smith");
        if (n != 3) {
            store.apply(new Edit.SetGrade(caseId, new Grade(q, "Depth of lesion", 1, me)), "dr.smith");
        }
        if (n == 4) {
            Provenance other = Provenance.human("dr.jones", Instant.parse("2026-01-02T10:00:00Z"));
            String q2 = "q2-" + caseId;
            store.apply(new Edit.PutQuestion(new Question(q2, caseId, "femur-medial-central", "q20",
                    "Is the cartilage of the femur medial central subregion damaged?", other)), "dr.jones");
            store.apply(new Edit.PutStep(caseId, new ReasoningStep("s3-" + caseId, q2, "Same condyle, second read.",
                    null, other), 0), "dr.jones");
            store.apply(new Edit.SetGrade(caseId, new Grade(q2, "Size of lesion", n % 4, other)), "dr.jones");
            store.apply(new Edit.SetGrade(caseId, new Grade(q2, "Depth of lesion", 2, other)), "dr.jones");
        }
    }
}
