package org.groundwork.dataset.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.groundwork.annotate.core.project.Evidence;

/**
 * One answer read from a dataset made elsewhere: what one source said about one question on one
 * image, in Groundwork's terms (voxel boxes on the image's own grid, half-open), ready to become a
 * reading in a project.
 *
 * @param source the reader it becomes: "imported: <file>", with the annotator when the file names one
 * @param templateId the protocol question it answers, or null for a free question
 * @param regionId the protocol region its boxes are of, or null
 * @param question the question's text; null for boxes alone (Slicer markups, MONAI label maps)
 * @param boxes each {min, max} voxel corners (i, j, k), ends exclusive
 * @param steps the reasoning steps in order
 * @param grades severity field to value
 * @param where the file and record it came from, for the report
 */
public record ImportedReading(Path image, String source, String templateId, String regionId, String question,
                              List<int[][]> boxes, List<Step> steps, Map<String, Integer> grades, String where) {
    /** A reasoning step; its evidence refers to a box by its index in {@code boxes}, or to a view. */
    public record Step(String text, Integer boxIndex, Evidence.ViewBookmark view) {
    }

    public ImportedReading {
        boxes = List.copyOf(boxes);
        steps = List.copyOf(steps);
        grades = Map.copyOf(grades);
    }
}
