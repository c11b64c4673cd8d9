package org.groundwork.assist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;

/**
 * Judging models on cases they did not learn from: a split by patient (never one patient on both
 * sides), fixed for each patient by a hash of its key, and each model's mean 3D IoU per region there.
 */
public final class HeldOut {
    private HeldOut() {
    }

    public record Split(List<TrainingCase> training, List<TrainingCase> heldOut) {
    }

    /** A model's score on the held-out cases: mean IoU over all its proposals, and per region. */
    public record Score(String modelId, String weightsHash, double meanIou, Map<String, Double> perRegion) {
    }

    /**
     * The patients whose hash falls in the first {@code share} of the hash range are held out, so a
     * patient stays on one side however many patients are added later, and no model is judged on a
     * patient an earlier model learnt from. A project too small to have a patient on each side that
     * way holds out its lowest hash, or keeps its highest to learn from.
     */
    public static Split split(List<TrainingCase> cases, double share) throws AssistException {
        TreeSet<String> patients = new TreeSet<>((a, b) -> hash(a).compareTo(hash(b)));
        cases.forEach(c -> patients.add(c.patientKey()));
        if (patients.size() < 2) {
            throw new AssistException("judging a model needs annotated cases of at least two patients; the project has "
                    + patients.size());
        }
        List<String> byHash = new ArrayList<>(patients);
        List<String> heldPatients = byHash.stream().filter(p -> hashFraction(p) < share).toList();
        if (heldPatients.isEmpty()) {
            heldPatients = byHash.subList(0, 1);
        } else if (heldPatients.size() == byHash.size()) {
            heldPatients = byHash.subList(0, byHash.size() - 1);
        }
        List<TrainingCase> training = new ArrayList<>();
        List<TrainingCase> heldOut = new ArrayList<>();
        for (TrainingCase c : cases) {
            (heldPatients.contains(c.patientKey()) ? heldOut : training).add(c);
        }
        return new Split(training, heldOut);
    }

    /** Where a patient's hash falls in the hash range, from 0 (inclusive) to 1 (exclusive). */
    static double hashFraction(String patient) {
        return (Long.parseUnsignedLong(hash(patient).substring(0, 16), 16) >>> 11) * 0x1.0p-53;
    }

    public static Score score(SuggestionModel model, List<TrainingCase> heldOut, LoadMonitor monitor)
            throws AssistException {
        Map<String, double[]> sums = new TreeMap<>();
        for (TrainingCase c : heldOut) {
            Volume volume;
            try {
                volume = c.volume();
            } catch (BadInputException e) {
                throw new AssistException("a held-out case cannot be read: " + e.getMessage(), e);
            }
            Map<String, RegionBox> truth = new LinkedHashMap<>();
            c.boxes().forEach(b -> truth.putIfAbsent(b.regionId(), b));
            for (Proposal p : model.suggest(volume, truth.keySet(), monitor)) {
                double[] s = sums.computeIfAbsent(p.box().regionId(), r -> new double[2]);
                s[0] += p.box().iou(truth.get(p.box().regionId()));
                s[1]++;
            }
        }
        Map<String, Double> perRegion = new LinkedHashMap<>();
        double total = 0;
        double count = 0;
        for (var e : sums.entrySet()) {
            perRegion.put(e.getKey(), e.getValue()[0] / e.getValue()[1]);
            total += e.getValue()[0];
            count += e.getValue()[1];
        }
        return new Score(model.id(), model.weightsHash(), count == 0 ? 0 : total / count, perRegion);
    }

    private static String hash(String patient) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(patient).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
