package org.groundwork.dataset.export.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Train/validation/test assignment by patient, so that no patient's images are on both sides: the
 * patients are sorted, shuffled with a fixed seed and cut at the given shares.
 */
public final class Splits {
    public static final List<String> NAMES = List.of("train", "val", "test");

    private Splits() {
    }

    /** Sets each case's split; returns the number of patients per split. */
    public static Map<String, Integer> assign(List<ExportCase> cases, double[] shares, long seed) {
        Map<String, List<ExportCase>> byPatient = new TreeMap<>();
        cases.forEach(c -> byPatient.computeIfAbsent(c.patient(), k -> new ArrayList<>()).add(c));
        List<String> patients = new ArrayList<>(byPatient.keySet());
        Collections.shuffle(patients, new Random(seed));
        int n = patients.size();
        int train = (int) Math.round(n * shares[0]);
        int val = Math.min(n - train, (int) Math.round(n * shares[1]));
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String split = i < train ? "train" : i < train + val ? "val" : "test";
            byPatient.get(patients.get(i)).forEach(c -> c.split(split));
            counts.merge(split, 1, Integer::sum);
        }
        return counts;
    }
}
