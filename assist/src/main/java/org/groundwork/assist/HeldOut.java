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
 * sides), fixed by a hash of the patient keys, and each model's mean 3D IoU per region there.
 */
public final class HeldOut {
    private HeldOut() {
    }

    public record Split(List<TrainingCase> training, List<TrainingCase> heldOut) {
    }

    /** A model's score on the held-out cases: mean IoU over all its proposals, and per region. */
    public record Score(String modelId, String weightsHash, double meanIou, Map<String, Double> perRegion) {
    }

    /** About {@code share} of the patients held out (at least one, at least one left to learn from). */
    public static Split split(List<TrainingCase> cases, double share) throws AssistException {
        TreeSet<String> patients = new TreeSet<>((a, b) -> hash(a).compareTo(hash(b)));
        cases.forEach(c -> patients.add(c.patientKey()));
        if (patients.size() < 2) {
            throw new AssistException("judging a model needs annotated cases of at least two patients; the project has "
                    + patients.size());
        }
        int held = Math.max(1, Math.min(patients.size() - 1, (int) Math.round(patients.size() * share)));
        List<String> heldPatients = new ArrayList<>(patients).subList(0, held);
        List<TrainingCase> training = new ArrayList<>();
        List<TrainingCase> heldOut = new ArrayList<>();
        for (TrainingCase c : cases) {
            (heldPatients.contains(c.patientKey()) ? heldOut : training).add(c);
        }
        return new Split(training, heldOut);
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
