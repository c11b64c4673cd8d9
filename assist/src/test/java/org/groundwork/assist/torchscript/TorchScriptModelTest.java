package org.groundwork.assist.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.Proposal;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.phantom.KneePhantom;
import org.groundwork.viewer.core.LoadMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed test model (scripts/make-test-model.py: a small network trained in Python on phantom
 * knees 1 to 20) loaded as a user's own TorchScript model, its boxes checked against the true ones.
 */
class TorchScriptModelTest {
    private static final Protocol KNEE = ProtocolReader.builtIn("knee-mri");

    @TempDir
    Path tmp;

    static Path testModel() throws URISyntaxException {
        return Path.of(TorchScriptModelTest.class.getResource("knee-bones-test/descriptor.json").toURI()).getParent();
    }

    private Path copy() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("model"));
        for (String f : List.of("model.pt", "descriptor.json")) {
            Files.copy(testModel().resolve(f), folder.resolve(f));
        }
        return folder;
    }

    @Test
    void itsBoxesMatchThePhantomsRegionsOnKneesItNeverSaw() throws Exception {
        try (TorchScriptModel model = TorchScriptModel.load(testModel())) {
            assertEquals("knee-bones-test", model.id());
            assertEquals(Set.of("femur", "tibia", "patella"), model.regions());
            // Knees 21 to 24 were held out of its training; on its own grid and on one twice as fine.
            for (KneePhantom.Grid grid : List.of(KneePhantom.Grid.coarse(64, 64, 32), KneePhantom.Grid.coarse(128, 128, 64))) {
                for (long seed = 21; seed <= 24; seed++) {
                    KneePhantom.Knee knee = KneePhantom.generate(seed, grid, KNEE);
                    List<Proposal> proposals = model.suggest(knee.volume(), model.regions(), LoadMonitor.NONE);
                    assertEquals(3, proposals.size());
                    for (Proposal p : proposals) {
                        RegionBox truth = knee.boxes().get(p.box().regionId());
                        double iou = p.box().iou(truth);
                        String what = p.box().regionId() + " of knee " + seed + " on " + grid + ": IoU " + iou;
                        if (p.box().regionId().equals("patella")) {
                            // The small network segments the patella loosely; its box still sits on the patella.
                            for (int a = 0; a < 3; a++) {
                                double centre = (p.box().min()[a] + p.box().max()[a]) / 2.0;
                                assertTrue(centre >= truth.min()[a] && centre <= truth.max()[a], what);
                            }
                        } else {
                            assertTrue(iou > 0.55, what);
                        }
                        assertEquals(model.weightsHash(), p.modelHash());
                    }
                }
            }
        }
    }

    @Test
    void scoresThatAreNotNumbersAreRefusedNotTurnedIntoBoxes() throws Exception {
        try (TorchScriptModel model = TorchScriptModel.load(testModel().resolveSibling("nan-test"))) {
            KneePhantom.Knee knee = KneePhantom.generate(21, KneePhantom.Grid.coarse(64, 64, 32), KNEE);
            AssistException e = assertThrows(AssistException.class,
                    () -> model.suggest(knee.volume(), model.regions(), LoadMonitor.NONE));
            assertTrue(e.getMessage().contains("scores that are not numbers (NaN)") && e.getMessage().contains(", 3 times;"),
                    e.getMessage());
            assertTrue(e.getMessage().startsWith(testModel().resolveSibling("nan-test").resolve("model.pt").toString()),
                    e.getMessage());
        }
    }

    @Test
    void aModelThatGivesBoxesIsReadRowByRow() throws Exception {
        Path folder = testModel().resolveSibling("knee-extent-test");
        try (TorchScriptModel model = TorchScriptModel.load(folder)) {
            for (long seed = 21; seed <= 24; seed++) {
                KneePhantom.Knee knee = KneePhantom.generate(seed, KneePhantom.Grid.coarse(64, 64, 32), KNEE);
                List<Proposal> proposals = model.suggest(knee.volume(), model.regions(), LoadMonitor.NONE);
                assertEquals(1, proposals.size());
                double iou = proposals.get(0).box().iou(knee.boxes().get("knee"));
                assertTrue(iou > 0.6, "the knee's extent, knee " + seed + ": IoU " + iou);
            }
            // Larger than its one window on the model's grid: refused, naming the file.
            KneePhantom.Knee big = KneePhantom.generate(21, new KneePhantom.Grid(128, 128, 64, 2.19, 2.19, 3.5), KNEE);
            AssistException e = assertThrows(AssistException.class,
                    () -> model.suggest(big.volume(), model.regions(), LoadMonitor.NONE));
            assertTrue(e.getMessage().startsWith(folder.resolve("model.pt") + ": a model that gives boxes sees the volume "
                    + "in one window"), e.getMessage());
        }
    }

    @Test
    void windowsCoverEveryVoxelWithOverlap() {
        assertArrayEquals(new int[] {0}, TorchScriptModel.starts(40, 64));
        assertArrayEquals(new int[] {0, 32, 64, 96}, TorchScriptModel.starts(160, 64));
        assertArrayEquals(new int[] {0, 32, 36}, TorchScriptModel.starts(100, 64));
    }

    @Test
    void aChangedFileIsRefusedByItsHash() throws Exception {
        Path folder = copy();
        byte[] bytes = Files.readAllBytes(folder.resolve("model.pt"));
        bytes[bytes.length - 100] ^= 1;
        Files.write(folder.resolve("model.pt"), bytes);
        AssistException e = assertThrows(AssistException.class, () -> TorchScriptModel.load(folder));
        assertTrue(e.getMessage().startsWith(folder.resolve("model.pt") + ": its SHA-256 is "), e.getMessage());
    }

    @Test
    void aMalformedDescriptorIsRefusedWithItsJsonPath() throws Exception {
        Path folder = copy();
        Path descriptor = folder.resolve("descriptor.json");
        Files.writeString(descriptor, Files.readString(descriptor).replace("\"labelmap\"", "\"heatmap\""));
        AssistException e = assertThrows(AssistException.class, () -> TorchScriptModel.load(folder));
        assertEquals(descriptor + ": at $.output.kind: must be \"labelmap\" or \"boxes\"", e.getMessage());
        Files.writeString(descriptor, "{\"format\": ");
        e = assertThrows(AssistException.class, () -> TorchScriptModel.load(folder));
        assertTrue(e.getMessage().startsWith(descriptor + ": cannot be read as JSON"), e.getMessage());
    }

    @Test
    void aTensorOfTheWrongShapeIsRefusedNamingTheFile() throws Exception {
        Path folder = copy();
        Path descriptor = folder.resolve("descriptor.json");
        // The network gives four channels (background and three labels); a label 7 cannot be read from it.
        Files.writeString(descriptor, Files.readString(descriptor).replace("\"3\": \"patella\"",
                "\"3\": \"patella\", \"7\": \"acl\""));
        try (TorchScriptModel model = TorchScriptModel.load(folder)) {
            KneePhantom.Knee knee = KneePhantom.generate(21, KneePhantom.Grid.coarse(64, 64, 32), KNEE);
            AssistException e = assertThrows(AssistException.class,
                    () -> model.suggest(knee.volume(), model.regions(), LoadMonitor.NONE));
            assertTrue(e.getMessage().contains(folder.resolve("model.pt") + ": gives a tensor of shape (1, 4, 64, 64, 32)"),
                    e.getMessage());
        }
    }

    @Test
    void aTorchSavePickleIsNotTorchScript() throws Exception {
        Path folder = copy();
        Files.copy(testModel().resolveSibling("pickle.pt"), folder.resolve("model.pt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path descriptor = folder.resolve("descriptor.json");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(folder.resolve("model.pt"))));
        Files.writeString(descriptor, Files.readString(descriptor).replaceAll("\"sha256\": \"[0-9a-f]{64}\"",
                "\"sha256\": \"" + sha + "\""));
        AssistException e = assertThrows(AssistException.class, () -> TorchScriptModel.load(folder));
        assertTrue(e.getMessage().startsWith(folder.resolve("model.pt") + ": not a TorchScript model (saved with "
                + "torch.save rather than torch.jit.save?)"), e.getMessage());
    }
}
