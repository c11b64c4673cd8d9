package org.groundwork.app.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.ProjectRepository;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.QuestionTemplate;
import org.groundwork.annotate.core.protocol.SeverityField;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.SliceGeometry;
import org.groundwork.assist.RegionBox;

/**
 * The example reading of a demo knee: five questions answered the way the protocol asks, each with
 * the region's box (the phantom's ground truth), a reasoning chain whose steps point at that box or
 * at a bookmarked view, and every severity field graded from what the phantom planted.
 */
final class DemoAnnotations {
    static final String AUTHOR = "demo example";

    private DemoAnnotations() {
    }

    static void annotate(ProjectRepository store, long caseId, KneePhantom.Knee knee, Protocol protocol)
            throws ProjectException {
        KneePhantom.Findings f = knee.findings();
        String lesionRegion = f.lesionRegion() == null ? "femur-medial-central" : f.lesionRegion();
        Answer bml = new Answer(bmlQuestion(protocol, lesionRegion), f.lesionRegion() == null
                ? List.of("Scrolled through the subregion on the sagittal images; the marrow signal is uniform.",
                        "No poorly marginated high signal in the marrow: no bone marrow lesion.")
                : List.of("Scrolled through the subregion on the sagittal images.",
                        "A rounded area of high marrow signal lies under the articular surface: a bone marrow lesion.",
                        "One lesion; it fills " + new String[] {"", "under a tenth", "a tenth to a third", "over a third"}
                                [f.lesionSizeGrade()] + " of the subregion."),
                f.lesionRegion() == null ? new int[] {0, 0, 0} : new int[] {f.lesionSizeGrade(), 1, 3});
        Answer effusion = new Answer(question(protocol, "joint-effusion"), List.of(
                "Looked at the suprapatellar recess on the midline sagittal slice.",
                f.effusionGrade() == 0 ? "Only a thin line of fluid: a physiological amount."
                        : "Fluid distends the recess; its depth gives the grade."),
                new int[] {f.effusionGrade()});
        Answer acl = new Answer(question(protocol, "acl"), List.of(
                "Followed the ligament from the lateral femoral condyle to the tibial eminence.",
                "Continuous low-signal fibres, no fluid across them: intact."), new int[] {0, 0, 0});
        Answer meniscus = new Answer(question(protocol, "medial-meniscus-body"), List.of(
                "Looked at the body of the medial meniscus on coronal and sagittal images.",
                "Uniformly dark triangle with sharp edges: normal morphology."), new int[] {0});
        Answer cyst = new Answer(question(protocol, "popliteal-cyst"), List.of(
                "Looked between the medial gastrocnemius and the semimembranosus tendon.",
                f.poplitealCyst() ? "A fluid-filled sac extends from the joint posteriorly: a popliteal cyst."
                        : "Only a small amount of fluid in the bursa: no cyst."),
                new int[] {f.poplitealCyst() ? 1 : 0});
        for (Answer answer : List.of(bml, effusion, acl, meniscus, cyst)) {
            store.apply(new Edit.Batch(caseId, answer.edits(caseId, knee, protocol)), AUTHOR);
        }
        store.apply(new Edit.SetCaseStatus(caseId, CaseStatus.DONE), AUTHOR);
    }

    private record Answer(QuestionTemplate template, List<String> steps, int[] grades) {
        List<Edit> edits(long caseId, KneePhantom.Knee knee, Protocol protocol) {
            String regionName = protocol.regionName(template.region());
            Provenance by = Provenance.human(AUTHOR, Instant.now());
            Volume volume = knee.volume();
            RegionBox truth = knee.boxes().get(template.region());
            String questionId = UUID.randomUUID().toString();
            String boxId = UUID.randomUUID().toString();
            List<Edit> edits = new ArrayList<>();
            edits.add(new Edit.PutQuestion(new Question(questionId, caseId, template.region(), template.id(),
                    template.text(), by)));
            edits.add(new Edit.PutBox(new Box(boxId, caseId, template.region(), regionName, truth.min(),
                    truth.max(), Box.Shape.VOLUME, Box.patientCorners(volume.voxelToLps(), truth.min(), truth.max()), by)));
            for (int s = 0; s < steps.size(); s++) {
                Evidence evidence = s == 0 ? bookmark(volume, truth) : s == 1 ? new Evidence.BoxRef(boxId) : null;
                edits.add(new Edit.PutStep(caseId, new ReasoningStep(UUID.randomUUID().toString(), questionId,
                        steps.get(s), evidence, by), s));
            }
            List<SeverityField> fields = template.severity();
            for (int g = 0; g < fields.size(); g++) {
                SeverityField field = fields.get(g);
                int value = field.allows(grades[g]) ? grades[g] : field.options().get(0).value();
                edits.add(new Edit.SetGrade(caseId, new Grade(questionId, field.name(), value, by)));
            }
            return edits;
        }
    }

    /** The sagittal view through the middle of the box, at the phantom's display window. */
    private static Evidence.ViewBookmark bookmark(Volume volume, RegionBox box) {
        int[] min = box.min();
        int[] max = box.max();
        double[] centre = volume.voxelToLps().apply((min[0] + max[0] - 1) / 2.0, (min[1] + max[1] - 1) / 2.0,
                (min[2] + max[2] - 1) / 2.0);
        int slice = SliceGeometry.of(volume, Plane.SAGITTAL, false).sliceOf(centre);
        return new Evidence.ViewBookmark(Plane.SAGITTAL.name(), slice, volume.info().windowCenter(),
                volume.info().windowWidth(), centre);
    }

    private static QuestionTemplate question(Protocol protocol, String region) {
        return protocol.questionsFor(region).get(0);
    }

    private static QuestionTemplate bmlQuestion(Protocol protocol, String region) {
        return protocol.questionsFor(region).stream()
                .filter(q -> q.text().toLowerCase(Locale.ROOT).contains("bone marrow")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the knee protocol asks no marrow question for " + region));
    }
}
