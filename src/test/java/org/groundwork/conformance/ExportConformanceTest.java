package org.groundwork.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Grade;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.groundwork.annotate.core.project.ReasoningStep;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.dataset.export.DatasetExporter;
import org.groundwork.dataset.export.ExportFormat;
import org.groundwork.dataset.export.ExportFixtures;
import org.groundwork.dataset.export.ExportOptions;
import org.groundwork.viewer.core.LoadMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External readers accept what an export writes: nibabel, the json module, jsonschema with Slicer's
 * ROI constraints, a COCO structural check; and the exported volume's affine matches dcm2niix's.
 */
@Tag("conformance")
class ExportConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyFormatReadsBackWithTheToolsMlTeamsUse() throws Exception {
        Path project = ExportFixtures.project(tmp);
        Path out = tmp.resolve("dataset");
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            DatasetExporter.export(store, ExportOptions.of(out, EnumSet.allOf(ExportFormat.class)), LoadMonitor.NONE);
        }
        JsonNode summary = JSON.readTree(ExternalTools.python("check_export.py", out,
                ExternalTools.script("slicer-markups-roi.schema.json")));
        assertEquals(5, summary.get("nifti").asInt(), summary.toString());
        assertEquals(5, summary.get("masks").asInt(), summary.toString());
        assertEquals(5, summary.get("markups").asInt(), summary.toString());
        assertEquals(5, summary.get("coco_annotations").asInt(), summary.toString());
        assertEquals(6, summary.get("quintuples").asInt(), summary.toString());
        assertTrue(summary.get("datalist_paths").asInt() >= 10, summary.toString());
    }

    @Test
    void theExportedVolumeMatchesDcm2niix() throws Exception {
        Path series = tmp.resolve("series");
        ExternalTools.python("make_series.py", series, 96, 80, 24);
        Path project = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project,
                org.groundwork.annotate.core.protocol.ProtocolReader.builtIn("generic-findings"))) {
            ProjectImporter.importFolders(store, List.of(series), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
            long c = store.cases().get(0).id();
            Provenance me = Provenance.human("reader", Instant.EPOCH);
            store.apply(new Edit.PutBox(new Box("b", c, "lesion", null, new int[] {10, 10, 4}, new int[] {30, 40, 12}, me)),
                    "reader");
            store.apply(new Edit.PutQuestion(new Question("q", c, "lesion", "finding", "Anything?", me)), "reader");
            store.apply(new Edit.PutStep(c, new ReasoningStep("s", "q", "Look.", null, me), 0), "reader");
            store.apply(new Edit.SetGrade(c, new Grade("q", "presence", 1, me)), "reader");
        }
        Path out = tmp.resolve("dataset");
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            DatasetExporter.export(store, ExportOptions.of(out, EnumSet.of(ExportFormat.QUINTUPLES)), LoadMonitor.NONE);
        }
        Path ours;
        try (Stream<Path> images = Files.list(out.resolve("images"))) {
            ours = images.findFirst().orElseThrow();
        }
        Path reference = Files.createDirectories(tmp.resolve("dcm2niix"));
        ExternalTools.run(List.of("dcm2niix", "-z", "y", "-b", "n", "-f", "ref", "-o", reference.toString(), series.toString()));
        JsonNode result = JSON.readTree(ExternalTools.python("compare_nifti.py", ours, reference.resolve("ref.nii.gz")));
        assertTrue(result.get("max_affine_difference_mm").asDouble() < 1e-3, result.toString());
        assertEquals(0.0, result.get("max_voxel_difference").asDouble(), result.toString());
    }
}
