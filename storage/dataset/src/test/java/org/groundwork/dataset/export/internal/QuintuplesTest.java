package org.groundwork.dataset.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.annotate.core.project.Question;
import org.junit.jupiter.api.Test;

class QuintuplesTest {
    private static final Provenance A = Provenance.human("dr.a", Instant.EPOCH);
    private static final Provenance B = Provenance.human("dr.b", Instant.EPOCH);
    private static final Provenance IMPORTED = Provenance.human("imported: markups.mrk.json", Instant.EPOCH);

    @Test
    void eachReadersRecordKeepsTheirOwnBoxesAndABoxOfAnotherOnlyWhenTheyDrewNone() {
        CaseAnnotations c = CaseAnnotations.empty(1);
        c = c.apply(new Edit.PutBox(new Box("ba", 1, "acl", null, new int[3], new int[] {2, 2, 2}, A)));
        c = c.apply(new Edit.PutBox(new Box("bb", 1, "acl", null, new int[3], new int[] {3, 3, 3}, B)));
        c = c.apply(new Edit.PutBox(new Box("bi", 1, "pcl", null, new int[3], new int[] {4, 4, 4}, IMPORTED)));
        Question qa = new Question("qa", 1, "acl", "q60", "?", A);
        Question qb = new Question("qb", 1, "acl", "q60", "?", B);
        Question pcl = new Question("qp", 1, "pcl", "q61", "?", A);
        assertEquals(List.of("ba"), Quintuples.boxesOf(c, qa).stream().map(Box::id).toList());
        assertEquals(List.of("bb"), Quintuples.boxesOf(c, qb).stream().map(Box::id).toList());
        assertEquals(List.of("bi"), Quintuples.boxesOf(c, pcl).stream().map(Box::id).toList(),
                "the region's boxes when the reader drew none (boxes imported on their own)");
    }
}
