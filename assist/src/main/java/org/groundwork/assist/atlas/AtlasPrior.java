package org.groundwork.assist.atlas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.groundwork.assist.AssistException;
import org.groundwork.assist.BodyFrame;
import org.groundwork.assist.Proposal;
import org.groundwork.assist.RegionBox;
import org.groundwork.assist.SuggestionModel;
import org.groundwork.assist.TrainingCase;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;

/**
 * Each region's mean box, learnt from readers' boxes in coordinates relative to the body part's
 * foreground box in patient space (so scans of other sizes, spacings and planes agree), with left
 * sides mirrored onto right ones when the scans say their laterality. Suggests from the second
 * annotated case on; it is the baseline every learnt model has to beat.
 */
public final class AtlasPrior implements SuggestionModel {
    public static final String ID = "atlas-prior";

    /** Mean and spread of a region's box: min x, y, z then max x, y, z, each a fraction of the foreground. */
    record Entry(double[] mean, double[] spread, int count) {
    }

    private final Map<String, Entry> entries;
    private final String hash;

    AtlasPrior(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
        this.hash = sha256(entries);
    }

    /** Learns from every box of every case. */
    public static AtlasPrior fit(List<TrainingCase> cases, LoadMonitor monitor) throws AssistException {
        Map<String, List<double[]>> samples = new TreeMap<>();
        for (int n = 0; n < cases.size(); n++) {
            if (monitor.cancelled()) {
                throw new AssistException("training the atlas prior was cancelled");
            }
            monitor.progress(n, cases.size(), "Atlas prior: case " + (n + 1) + " of " + cases.size());
            TrainingCase c = cases.get(n);
            Volume volume;
            try {
                volume = c.volume();
            } catch (BadInputException e) {
                throw new AssistException("a training case cannot be read: " + e.getMessage(), e);
            }
            BodyFrame frame = BodyFrame.of(volume);
            for (RegionBox box : c.boxes()) {
                samples.computeIfAbsent(box.regionId(), r -> new ArrayList<>()).add(frame.relative(box));
            }
        }
        monitor.progress(cases.size(), cases.size(), "Atlas prior learnt from " + cases.size() + " case(s)");
        Map<String, Entry> entries = new LinkedHashMap<>();
        samples.forEach((region, list) -> entries.put(region, summarise(list)));
        return new AtlasPrior(entries);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String weightsHash() {
        return hash;
    }

    @Override
    public Set<String> regions() {
        return entries.keySet();
    }

    /** A region's mean box as fractions of the body frame (see {@link BodyFrame}); empty when unknown. */
    public java.util.Optional<double[]> mean(String regionId) {
        return java.util.Optional.ofNullable(entries.get(regionId)).map(e -> e.mean().clone());
    }

    /** How many boxes of a region it learnt from (0 when none). */
    public int examples(String regionId) {
        Entry e = entries.get(regionId);
        return e == null ? 0 : e.count();
    }

    @Override
    public List<Proposal> suggest(Volume volume, Set<String> wanted, LoadMonitor monitor) throws AssistException {
        long start = System.nanoTime();
        BodyFrame frame = BodyFrame.of(volume);
        List<RegionBox> boxes = new ArrayList<>();
        List<Double> confidences = new ArrayList<>();
        for (String region : wanted) {
            Entry e = entries.get(region);
            if (e == null) {
                continue;
            }
            if (monitor.cancelled()) {
                throw new AssistException("the suggestion was cancelled");
            }
            RegionBox box = frame.absolute(e.mean(), region);
            if (box != null) {
                boxes.add(box);
                confidences.add(confidence(e));
            }
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        List<Proposal> proposals = new ArrayList<>();
        for (int n = 0; n < boxes.size(); n++) {
            proposals.add(new Proposal(boxes.get(n), confidences.get(n), ID, hash, latency));
        }
        return proposals;
    }

    /** More examples and less spread between them make a surer guess. */
    private static double confidence(Entry e) {
        double spread = 0;
        for (double s : e.spread()) {
            spread += s / 6;
        }
        return e.count() / (e.count() + 1.0) * Math.exp(-5 * spread);
    }

    private static Entry summarise(List<double[]> list) {
        double[] mean = new double[6];
        double[] spread = new double[6];
        for (double[] r : list) {
            for (int c = 0; c < 6; c++) {
                mean[c] += r[c] / list.size();
            }
        }
        for (double[] r : list) {
            for (int c = 0; c < 6; c++) {
                spread[c] += (r[c] - mean[c]) * (r[c] - mean[c]) / list.size();
            }
        }
        for (int c = 0; c < 6; c++) {
            spread[c] = Math.sqrt(spread[c]);
        }
        return new Entry(mean, spread, list.size());
    }

    private static String sha256(Map<String, Entry> entries) {
        StringBuilder text = new StringBuilder(ID);
        new TreeMap<>(entries).forEach((region, e) -> {
            text.append('\n').append(region).append(' ').append(e.count());
            for (double m : e.mean()) {
                text.append(' ').append(String.format(Locale.ROOT, "%.6f", m));
            }
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
