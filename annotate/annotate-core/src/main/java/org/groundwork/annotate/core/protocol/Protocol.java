package org.groundwork.annotate.core.protocol;

import java.util.List;
import java.util.Optional;

/**
 * What a project annotates: its regions, the questions asked per region and how each answer is
 * graded. Read from a JSON file (see {@link ProtocolReader}); the project keeps its own copy.
 *
 * @param json the protocol's source text, stored with the project so it stays self-contained
 */
public record Protocol(String id, String name, int version, String description, List<Region> regions,
                       List<QuestionTemplate> questions, String json) {
    public Protocol {
        regions = List.copyOf(regions);
        questions = List.copyOf(questions);
    }

    public Optional<Region> region(String regionId) {
        return regions.stream().filter(r -> r.id().equals(regionId)).findFirst();
    }

    public Optional<QuestionTemplate> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** The questions asked about one region, in protocol order. */
    public List<QuestionTemplate> questionsFor(String regionId) {
        return questions.stream().filter(q -> q.region().equals(regionId)).toList();
    }

    /** A region's name, or its id when the protocol does not know it. */
    public String regionName(String regionId) {
        return region(regionId).map(Region::name).orElse(regionId == null ? "" : regionId);
    }
}
