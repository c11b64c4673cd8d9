package org.groundwork.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.groundwork.app.cli.GroundworkCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code groundwork convert} against dcm2niix on the same series: nibabel reads our file, the
 * affines agree within 1e-3 mm and the voxels are identical (compared in canonical orientation,
 * since the two tools may store the rows in opposite order).
 */
@Tag("conformance")
class ConvertConformanceTest {
    @TempDir
    Path dir;

    @Test
    void convertMatchesDcm2niix() throws Exception {
        Path series = dir.resolve("series");
        ExternalTools.python("make_series.py", series, 96, 80, 24);
        Path ours = dir.resolve("ours.nii.gz");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = GroundworkCommand.execute(new PrintWriter(out), new PrintWriter(err),
                "convert", series.toString(), ours.toString());
        assertEquals(0, status, err.toString());

        Path reference = Files.createDirectories(dir.resolve("dcm2niix"));
        ExternalTools.run(List.of("dcm2niix", "-z", "y", "-b", "n", "-f", "ref", "-o", reference.toString(), series.toString()));
        Path refFile;
        try (Stream<Path> files = Files.list(reference)) {
            refFile = files.filter(f -> f.toString().endsWith(".nii.gz")).findFirst().orElseThrow();
        }
        JsonNode result = new ObjectMapper().readTree(ExternalTools.python("compare_nifti.py", ours, refFile));
        assertEquals(result.get("reference_shape"), result.get("ours_shape"), result.toString());
        assertTrue(result.get("max_affine_difference_mm").asDouble() < 1e-3, result.toString());
        assertEquals(0.0, result.get("max_voxel_difference").asDouble(), result.toString());
    }

    @Test
    void convertRefusesAFolderWithoutImagesWithStatusTwo() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "no images here");
        StringWriter err = new StringWriter();
        int status = GroundworkCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "convert", dir.toString(), dir.resolve("out.nii.gz").toString());
        assertEquals(2, status);
        assertTrue(err.toString().contains("notes.txt: not a DICOM file"), err.toString());
        assertTrue(err.toString().contains("no readable volume"), err.toString());
        assertTrue(Files.notExists(dir.resolve("out.nii.gz")));
    }
}
