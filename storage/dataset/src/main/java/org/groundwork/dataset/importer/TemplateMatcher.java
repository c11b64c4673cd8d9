package org.groundwork.dataset.importer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.QuestionTemplate;
import org.groundwork.annotate.core.protocol.SeverityField;

/**
 * Finds the protocol question a record answers from what it grades and how it names the place. A
 * question qualifies when it grades every field the record gives and a word of its region's id or
 * name appears in the record's text (its name for the scores and its question); among those, each region
 * word found counts two and each other word of the question's own text counts one ("femur medial
 * central cartilage" picks {@code femur-medial-central}'s cartilage question). A tie is no match.
 */
final class TemplateMatcher {
    private TemplateMatcher() {
    }

    static QuestionTemplate match(Protocol protocol, Set<String> fields, String text) {
        if (fields.isEmpty()) {
            return null;
        }
        Set<String> words = words(text);
        QuestionTemplate best = null;
        int bestScore = 0;
        boolean tie = false;
        for (QuestionTemplate t : protocol.questions()) {
            Set<String> graded = new HashSet<>(t.severity().stream().map(SeverityField::name).toList());
            if (!graded.containsAll(fields)) {
                continue;
            }
            Set<String> region = words(t.region() + " " + protocol.regionName(t.region()));
            region.retainAll(words);
            if (region.isEmpty()) {
                continue;
            }
            Set<String> asked = words(t.text());
            asked.retainAll(words);
            int score = 2 * region.size() + asked.size();
            if (score > bestScore) {
                best = t;
                bestScore = score;
                tie = false;
            } else if (score == bestScore) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** Words that say nothing about a place or a finding. */
    private static final Set<String> STOP = Set.of("the", "and", "are", "how", "any", "its", "for", "with", "there",
            "what", "which", "this", "that", "does", "much", "severe", "subregion");

    /** The words of three letters or more, lower case, but for {@link #STOP}. */
    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
        words.removeIf(w -> w.length() < 3 || STOP.contains(w));
        return words;
    }
}
