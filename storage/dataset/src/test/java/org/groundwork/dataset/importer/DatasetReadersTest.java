package org.groundwork.dataset.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.nifti.NiftiWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReadersTest {
    private static final Protocol KNEE = ProtocolReader.builtIn("knee-mri");

    @TempDir
    Path tmp;

    private static Volume volume(int nx, int ny, int nz, int[] labels) {
        VoxelData.UInt8 data = (VoxelData.UInt8) VoxelData.allocate(VoxelType.UINT8, (long) nx * ny * nz);
        for (int n = 0; n < labels.length; n++) {
            data.values()[n] = (byte) labels[n];
        }
        return new Volume(nx, ny, nz, data, Affine.identity(), 1, 0, VolumeInfo.of("test", "test", "test"), List.of());
    }

    @Test
    void aLabelMapGivesEachValueTheSmallestBoxAroundItsVoxels() {
        int nx = 4, ny = 3, nz = 2;
        int[] labels = new int[nx * ny * nz];
        labels[1 + nx * (0 + ny * 0)] = 2; // (1, 0, 0)
        labels[3 + nx * (2 + ny * 1)] = 2; // (3, 2, 1)
        labels[0 + nx * (1 + ny * 1)] = 5; // (0, 1, 1)
        Map<Integer, int[][]> boxes = MonaiReader.extents(volume(nx, ny, nz, labels));
        assertEquals(Set.of(2, 5), boxes.keySet());
        assertArrayEquals(new int[][] {{1, 0, 0}, {4, 3, 2}}, boxes.get(2));
        assertArrayEquals(new int[][] {{0, 1, 1}, {1, 2, 2}}, boxes.get(5));
    }

    @Test
    void aRecordFindsItsQuestionByItsFieldsAndTheWordsOfItsRegion() {
        assertEquals("q20", TemplateMatcher.match(KNEE, Set.of("Size of lesion", "Depth of lesion"),
                "femur medial central cartilage lesion").id());
        assertEquals("q43", TemplateMatcher.match(KNEE, Set.of("grade"), "effusion-synovitis Is there effusion?").id());
        assertEquals("q60", TemplateMatcher.match(KNEE, Set.of("Complete Tear"), "Is the anterior cruciate ligament torn?").id());
        assertNull(TemplateMatcher.match(KNEE, Set.of("grade"), "the knee"), "no word of any region");
        assertNull(TemplateMatcher.match(KNEE, Set.of("Size of lesion"), "femur cartilage"), "several femur regions tie");
        assertNull(TemplateMatcher.match(KNEE, Set.of("Colour"), "femur medial central"), "no question grades that field");
    }

    @Test
    void aVolumeWithItsSlicesFirstTakesTheBoxAsThreeDReasonKneesLoaderDoes() throws Exception {
        Path image = tmp.resolve("slices-first.nii.gz");
        NiftiWriter.write(volume(160, 8, 6, new int[0]), image);
        Path records = tmp.resolve("records.jsonl");
        Files.writeString(records, "{\"image\":\"slices-first.nii.gz\",\"prompt\":\"femur medial central cartilage\","
                + "\"answer\":\"Step 1: look. Final diagnosis: {\\\"bbox\\\":[10,20,1,3,0,2],\\\"Size of lesion\\\":1}\"}\n");
        DatasetReadResult read = DatasetReader.read(records, DatasetFormat.REASONKNEE, KNEE);
        assertEquals(List.of(), read.skipped());
        int[][] box = read.readings().get(0).boxes().get(0);
        assertArrayEquals(new int[][] {{10, 1, 0}, {20, 3, 2}}, box, "s on axis 0, x on axis 1, y on axis 2");
    }
}
