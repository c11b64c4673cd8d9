package org.groundwork.assist.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.annotate.core.protocol.Region;
import org.groundwork.viewer.core.Volume;
import org.junit.jupiter.api.Test;
import org.groundwork.assist.RegionBox;

class KneePhantomTest {
    private static final Protocol KNEE = ProtocolReader.builtIn("knee-mri");
    private static final KneePhantom.Grid GRID = KneePhantom.Grid.coarse(96, 96, 40);

    @Test
    void everyRegionOfTheKneeProtocolHasAGroundTruthBoxInsideTheVolume() {
        KneePhantom.Knee knee = KneePhantom.generate(1, GRID, KNEE);
        for (Region region : KNEE.regions()) {
            RegionBox box = knee.boxes().get(region.id());
            assertTrue(box != null, "no box for " + region.id());
            int[] size = {96, 96, 40};
            for (int a = 0; a < 3; a++) {
                assertTrue(box.min()[a] >= 0 && box.max()[a] <= size[a] && box.min()[a] < box.max()[a],
                        region.id() + " axis " + a);
            }
        }
    }

    @Test
    void aParentRegionsBoxEnclosesItsChildrensBoxes() {
        KneePhantom.Knee knee = KneePhantom.generate(2, GRID, KNEE);
        for (Region region : KNEE.regions()) {
            if (region.parent() == null || region.id().equals("joint-space")) {
                continue;
            }
            RegionBox child = knee.boxes().get(region.id());
            RegionBox parent = knee.boxes().get(region.parent());
            for (int a = 0; a < 3; a++) {
                assertTrue(parent.min()[a] <= child.min()[a] && parent.max()[a] >= child.max()[a], region.id());
            }
        }
    }

    @Test
    void theBoxIsTheExtentOfItsLabelsVoxels() {
        KneePhantom.Knee knee = KneePhantom.generate(3, GRID, KNEE);
        int acl = KneePhantom.Knee.labelRegions().indexOf("acl");
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] max = {0, 0, 0};
        Volume v = knee.volume();
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    if (knee.labels()[v.index(i, j, k)] == acl) {
                        int[] p = {i, j, k};
                        for (int a = 0; a < 3; a++) {
                            min[a] = Math.min(min[a], p[a]);
                            max[a] = Math.max(max[a], p[a] + 1);
                        }
                    }
                }
            }
        }
        assertArrayEquals(min, knee.boxes().get("acl").min());
        assertArrayEquals(max, knee.boxes().get("acl").max());
    }

    @Test
    void tissuesHaveTheirContrastAndAnatomyIsWhereAKneeHasIt() {
        KneePhantom.Knee knee = KneePhantom.generate(4, GRID, KNEE);
        List<String> labels = KneePhantom.Knee.labelRegions();
        double cartilage = meanSignal(knee, "femur-medial-central", 500, 2000);
        double marrow = meanSignal(knee, "femur-medial-central", 0, 400);
        double effusion = meanSignal(knee, "joint-effusion", 0, 2000);
        double meniscus = meanSignal(knee, "medial-meniscus-body", 0, 2000);
        assertTrue(effusion > cartilage && cartilage > marrow && marrow > meniscus,
                "fluid " + effusion + ", cartilage " + cartilage + ", marrow " + marrow + ", meniscus " + meniscus);
        // Femur above tibia (rows run downwards), patella in front of the femur (columns run backwards).
        RegionBox femur = knee.boxes().get("femur");
        RegionBox tibia = knee.boxes().get("tibia");
        RegionBox patella = knee.boxes().get("patella");
        assertTrue(femur.min()[1] < tibia.min()[1], "femur above the tibia");
        assertTrue(patella.min()[0] < femur.min()[0], "patella anterior to the femur");
        assertEquals(0, labels.indexOf(null));
    }

    @Test
    void seedsDifferAndRepeat() {
        KneePhantom.Knee a = KneePhantom.generate(5, GRID, KNEE);
        KneePhantom.Knee again = KneePhantom.generate(5, GRID, KNEE);
        assertArrayEquals(((org.groundwork.viewer.core.VoxelData.Int16) a.volume().data()).values(),
                ((org.groundwork.viewer.core.VoxelData.Int16) again.volume().data()).values());
        boolean sideDiffers = false;
        boolean boxDiffers = false;
        for (long seed = 6; seed < 12; seed++) {
            KneePhantom.Knee other = KneePhantom.generate(seed, GRID, KNEE);
            sideDiffers |= other.findings().rightKnee() != a.findings().rightKnee();
            boxDiffers |= !java.util.Arrays.equals(other.boxes().get("patella").min(), a.boxes().get("patella").min());
        }
        assertTrue(sideDiffers && boxDiffers);
        assertNotEquals(a.findings(), KneePhantom.generate(6, GRID, KNEE).findings());
    }

    /** Mean signal of a region's voxels whose value lies in [low, high): tells tissues of one region apart. */
    private static double meanSignal(KneePhantom.Knee knee, String region, double low, double high) {
        int label = KneePhantom.Knee.labelRegions().indexOf(region);
        double sum = 0;
        int n = 0;
        for (int index = 0; index < knee.labels().length; index++) {
            double value = knee.volume().data().get(index);
            if (knee.labels()[index] == label && value >= low && value < high) {
                sum += value;
                n++;
            }
        }
        assertTrue(n > 0, "no voxel of " + region + " in " + low + ".." + high);
        return sum / n;
    }
}
