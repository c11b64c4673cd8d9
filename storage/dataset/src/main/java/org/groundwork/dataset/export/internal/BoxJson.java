package org.groundwork.dataset.export.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.viewer.core.Affine;

/**
 * A box in every convention an exported dataset states: voxel indices on the exported volume
 * (slice-first {@code [s0, s1, x0, x1, y0, y1]} as in 3DReasonKnee, and min/max per axis), and
 * centre, edge lengths and axis directions in LPS and RAS millimetres. Ends are exclusive.
 */
public final class BoxJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private BoxJson() {
    }

    /** Slice-first voxel extents: k (NIfTI axis 2) then i (axis 0) then j (axis 1), each [first, end). */
    public static int[] sliceFirst(Box box) {
        int[] min = box.min();
        int[] max = box.max();
        return new int[] {min[2], max[2], min[0], max[0], min[1], max[1]};
    }

    /** Centre of the box in LPS millimetres. */
    public static double[] centre(Box box, Affine a) {
        int[] min = box.min();
        int[] max = box.max();
        return a.apply((min[0] + max[0] - 1) / 2.0, (min[1] + max[1] - 1) / 2.0, (min[2] + max[2] - 1) / 2.0);
    }

    /** Edge lengths in millimetres along the volume's three axes. */
    public static double[] size(Box box, Affine a) {
        int[] n = box.size();
        return new double[] {n[0] * a.spacing(0), n[1] * a.spacing(1), n[2] * a.spacing(2)};
    }

    /** Row-major 3x3 matrix whose columns are the unit directions of the volume's axes in LPS. */
    public static double[] orientation(Affine a) {
        double[] m = new double[9];
        for (int axis = 0; axis < 3; axis++) {
            double[] c = a.column(axis);
            for (int row = 0; row < 3; row++) {
                m[row * 3 + axis] = c[row] / a.spacing(axis);
            }
        }
        return m;
    }

    public static ObjectNode of(Box box, Affine a, String regionName) {
        ObjectNode node = JSON.objectNode();
        node.put("id", box.id());
        node.put("region", box.regionId());
        node.put("region_name", regionName);
        node.put("shape", box.shape() == Box.Shape.SLICE ? "2D" : "3D");
        node.set("slice_first", ints(sliceFirst(box)));
        node.set("voxel_min", ints(box.min()));
        node.set("voxel_max", ints(box.max()));
        double[] centre = centre(box, a);
        double[] size = size(box, a);
        double[] orientation = orientation(a);
        node.set("lps_mm", frame(centre, size, orientation));
        double[] rasOrientation = orientation.clone();
        for (int i = 0; i < 6; i++) {
            rasOrientation[i] = -rasOrientation[i]; // the first two rows: L->R, P->A
        }
        node.set("ras_mm", frame(new double[] {-centre[0], -centre[1], centre[2]}, size, rasOrientation));
        return node;
    }

    private static ObjectNode frame(double[] centre, double[] size, double[] orientation) {
        ObjectNode node = JSON.objectNode();
        node.set("center", numbers(centre));
        node.set("size", numbers(size));
        node.set("orientation", numbers(orientation));
        return node;
    }

    public static ArrayNode ints(int[] values) {
        ArrayNode a = JSON.arrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    public static ArrayNode numbers(double[] values) {
        ArrayNode a = JSON.arrayNode();
        for (double v : values) {
            a.add(Math.round(v * 1e6) / 1e6);
        }
        return a;
    }
}
