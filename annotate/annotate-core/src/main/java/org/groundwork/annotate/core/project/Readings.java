package org.groundwork.annotate.core.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several readers per case. Every answer belongs to the reader who wrote it (its author); a project
 * says how many readers read each case and whether reading is blind (a reader sees only their own
 * answers until adjudication); the adjudicated answer is written by the reader {@link #CONSENSUS}.
 */
public final class Readings {
    /** The reader whose answers are the adjudicated consensus. */
    public static final String CONSENSUS = "consensus";
    /** Setting: how many readers read each case, 1 to 3. */
    public static final String PER_CASE = "readers.per_case";
    /** Setting "true" or "false": readers see only their own answers until adjudication. */
    public static final String BLIND = "readers.blind";
    /** Setting: the project's readers, comma-separated, in the order cases are dealt to them. */
    public static final String READERS = "readers.names";
    public static final int MAX_PER_CASE = 3;

    private Readings() {
    }

    /**
     * Deals {@code perCase} readers to every case in turn, so that each reads about the same number
     * and no case gets a reader twice: case n gets readers n, n+1, ... (mod their number).
     */
    public static Map<Long, List<String>> roundRobin(List<Long> cases, List<String> readers, int perCase) {
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("name at least one reader");
        }
        int n = Math.min(Math.max(1, perCase), readers.size());
        Map<Long, List<String>> assignment = new LinkedHashMap<>();
        for (int c = 0; c < cases.size(); c++) {
            List<String> these = new ArrayList<>(n);
            for (int r = 0; r < n; r++) {
                these.add(readers.get((c + r) % readers.size()));
            }
            assignment.put(cases.get(c), List.copyOf(these));
        }
        return assignment;
    }

    /** The readers named in the {@link #READERS} setting. */
    public static List<String> parse(String names) {
        List<String> readers = new ArrayList<>();
        for (String name : names.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty() && !readers.contains(trimmed)) {
                readers.add(trimmed);
            }
        }
        return List.copyOf(readers);
    }
}
