package org.groundwork.assist.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.Proposal;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.assist.SuggestionModels;
import org.groundwork.assist.TrainingCase;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The atlas prior on phantom knees whose true boxes are known: trained on some, judged on others. */
class AtlasPriorTest {
    private static final Protocol KNEE = ProtocolReader.builtIn("knee-mri");
    private static final KneePhantom.Grid GRID = KneePhantom.Grid.coarse(96, 96, 40);
    private static final List<KneePhantom.Knee> TRAINING = new ArrayList<>();
    private static final List<KneePhantom.Knee> HELD_OUT = new ArrayList<>();

    @BeforeAll
    static void phantoms() {
        for (long seed = 100; seed < 112; seed++) {
            TRAINING.add(KneePhantom.generate(seed, GRID, KNEE));
        }
        for (long seed = 500; seed < 506; seed++) {
            HELD_OUT.add(KneePhantom.generate(seed, GRID, KNEE));
        }
    }

    /** The phantom as a training case; without laterality, as a scan that does not say which knee it shows. */
    static TrainingCase training(KneePhantom.Knee knee, boolean withLaterality) {
        if (withLaterality) {
            return knee.asTrainingCase();
        }
        Volume v = knee.volume();
        Volume volume = new Volume(v.nx(), v.ny(), v.nz(), v.data(), v.voxelToLps(), v.slope(), v.intercept(),
                new org.groundwork.viewer.core.VolumeInfo(v.info().source(), v.info().format(), v.info().encoding(), "MR",
                        "", "", "", "", "", "", "", Double.NaN, Double.NaN, false), List.of());
        return new TrainingCase() {
            @Override
            public String patientKey() {
                return volume.info().source();
            }

            @Override
            public Volume volume() {
                return volume;
            }

            @Override
            public List<RegionBox> boxes() {
                return List.copyOf(knee.boxes().values());
            }
        };
    }

    /** Mean 3D IoU of the model's proposals to the true boxes over the held-out knees. */
    static double meanIou(SuggestionModel model, boolean withLaterality) throws Exception {
        double sum = 0;
        int n = 0;
        for (KneePhantom.Knee knee : HELD_OUT) {
            Volume volume = training(knee, withLaterality).volume();
            for (Proposal p : model.suggest(volume, knee.boxes().keySet(), LoadMonitor.NONE)) {
                sum += p.box().iou(knee.boxes().get(p.box().regionId()));
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void onHeldOutKneesTheAtlasFindsTheRegions() throws Exception {
        AtlasPrior atlas = AtlasPrior.fit(TRAINING.stream().map(k -> training(k, true)).toList(), LoadMonitor.NONE);
        assertEquals(KNEE.regions().size(), atlas.regions().size());
        double iou = meanIou(atlas, true);
        assertTrue(iou > 0.45, "mean IoU on held-out knees " + iou);
        // Large structures are found well; they anchor a reader's first look.
        for (String region : List.of("femur", "tibia", "knee")) {
            double regionIou = 0;
            for (KneePhantom.Knee knee : HELD_OUT) {
                Proposal p = atlas.suggest(knee.volume(), Set.of(region), LoadMonitor.NONE).get(0);
                regionIou += p.box().iou(knee.boxes().get(region)) / HELD_OUT.size();
                assertTrue(p.confidence() > 0 && p.confidence() < 1);
                assertEquals(AtlasPrior.ID, p.modelId());
                assertEquals(64, p.modelHash().length());
            }
            assertTrue(regionIou > 0.7, region + " IoU " + regionIou);
        }
    }

    @Test
    void knowingLeftFromRightHelpsMedialAndLateralRegions() throws Exception {
        AtlasPrior sided = AtlasPrior.fit(TRAINING.stream().map(k -> training(k, true)).toList(), LoadMonitor.NONE);
        AtlasPrior blind = AtlasPrior.fit(TRAINING.stream().map(k -> training(k, false)).toList(), LoadMonitor.NONE);
        double withSide = meanIou(sided, true);
        double without = meanIou(blind, false);
        assertTrue(withSide > without + 0.03, "with laterality " + withSide + ", without " + without);
    }

    @Test
    void moreCasesAndTheSameCasesGiveTheSameOrBetterModel() throws Exception {
        AtlasPrior two = AtlasPrior.fit(TRAINING.subList(0, 2).stream().map(k -> training(k, true)).toList(),
                LoadMonitor.NONE);
        AtlasPrior again = AtlasPrior.fit(TRAINING.subList(0, 2).stream().map(k -> training(k, true)).toList(),
                LoadMonitor.NONE);
        assertEquals(two.weightsHash(), again.weightsHash(), "the hash names what was learnt");
        AtlasPrior twelve = AtlasPrior.fit(TRAINING.stream().map(k -> training(k, true)).toList(), LoadMonitor.NONE);
        assertTrue(!two.weightsHash().equals(twelve.weightsHash()));
        assertEquals(12, twelve.examples("acl"));
        assertTrue(meanIou(twelve, true) >= meanIou(two, true) - 0.01);
    }

    @Test
    void theFactoryIsFoundAndRefusesAProjectWithoutBoxes() {
        var factory = SuggestionModels.factory(AtlasPrior.ID).orElseThrow();
        assertTrue(SuggestionModels.factories().stream().map(f -> f.id()).collect(Collectors.toSet()).contains("atlas-prior"));
        AssistException e = assertThrows(AssistException.class, () -> factory.train(List.of(), LoadMonitor.NONE));
        assertTrue(e.getMessage().contains("draw the boxes of one case first"), e.getMessage());
    }
}
