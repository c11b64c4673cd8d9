package org.groundwork.dataset.export;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to export and where.
 *
 * @param target the dataset folder; must not exist yet or be empty
 * @param split train, validation and test shares (summing to 1), assigned by patient
 * @param seed fixes the patient shuffle, so the same project splits the same way
 * @param onlyComplete leave out cases with any incomplete question
 * @param sftStyle how conversations render boxes: {@code llava} or {@code qwen2.5}
 * @param readings which readings of a case read by several readers: {@code all}, {@code consensus}
 *     (the adjudicated answers; a case with one reading is its own consensus) or {@code reader:NAME}
 */
public record ExportOptions(Path target, Set<ExportFormat> formats, double[] split, long seed, boolean onlyComplete,
                            String sftStyle, String readings) {
    public static final double[] DEFAULT_SPLIT = {0.8, 0.1, 0.1};

    public ExportOptions {
        formats = formats.isEmpty() ? EnumSet.of(ExportFormat.QUINTUPLES) : EnumSet.copyOf(formats);
        split = split.clone();
        if (split.length != 3 || split[0] < 0 || split[1] < 0 || split[2] < 0
                || Math.abs(split[0] + split[1] + split[2] - 1) > 1e-6) {
            throw new IllegalArgumentException("the split needs three shares that sum to 1, e.g. 0.8,0.1,0.1");
        }
        if (!sftStyle.equals("llava") && !sftStyle.equals("qwen2.5")) {
            throw new IllegalArgumentException("the SFT style is llava or qwen2.5, not " + sftStyle);
        }
        if (!readings.equals("all") && !readings.equals("consensus") && !(readings.startsWith("reader:") && readings.length() > 7)) {
            throw new IllegalArgumentException("the readings are all, consensus or reader:NAME, not " + readings);
        }
    }

    /** Every reading of every case. */
    public ExportOptions(Path target, Set<ExportFormat> formats, double[] split, long seed, boolean onlyComplete,
                         String sftStyle) {
        this(target, formats, split, seed, onlyComplete, sftStyle, "all");
    }

    public static ExportOptions of(Path target, Set<ExportFormat> formats) {
        return new ExportOptions(target, formats, DEFAULT_SPLIT, 42, false, "llava");
    }

    @Override
    public double[] split() {
        return split.clone();
    }
}
