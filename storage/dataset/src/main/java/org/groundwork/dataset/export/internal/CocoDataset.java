package org.groundwork.dataset.export.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.Region;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.render.WindowLevel;

/**
 * COCO for the 2D boxes: each slice that carries one becomes an 8-bit PNG (the volume's own window),
 * its x and y being the two voxel axes in the slice in index order (i before j before k), and each
 * box an annotation with {@code bbox = [x, y, width, height]} in pixels from the top-left corner.
 */
public final class CocoDataset {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ObjectNode root = JSON.objectNode();
    private final ArrayNode images = root.putArray("images");
    private final ArrayNode annotations = root.putArray("annotations");
    private final Map<String, Integer> imageIds = new HashMap<>();

    public CocoDataset(Protocol protocol) {
        ObjectNode info = root.putObject("info");
        info.put("description", "2D boxes exported by Groundwork (protocol " + protocol.id() + ")");
        ArrayNode categories = root.putArray("categories");
        for (Region r : protocol.regions()) {
            ObjectNode c = categories.addObject();
            c.put("id", Interchange.label(protocol, r.id()));
            c.put("name", r.name());
            c.put("supercategory", r.parent() == null ? r.id() : r.parent());
        }
    }

    /** Adds the case's 2D boxes, writing each boxed slice under {@code folder/images}. */
    public void add(ExportCase c, Volume v, Protocol protocol, Path folder) throws IOException {
        for (Box b : c.annotations().boxes()) {
            if (b.shape() != Box.Shape.SLICE) {
                continue;
            }
            int[] size = b.size();
            int thin = size[2] == 1 ? 2 : size[1] == 1 ? 1 : size[0] == 1 ? 0 : 2;
            int xa = thin == 0 ? 1 : 0;
            int ya = thin == 2 ? 1 : 2;
            int index = b.min()[thin];
            String file = "images/" + c.name() + "-" + "ijk".charAt(thin) + index + ".png";
            Integer imageId = imageIds.get(file);
            int[] n = {v.nx(), v.ny(), v.nz()};
            if (imageId == null) {
                imageId = imageIds.size() + 1;
                imageIds.put(file, imageId);
                Files.createDirectories(folder.resolve("images"));
                Files.write(folder.resolve(file), slicePng(v, thin, index, xa, ya));
                ObjectNode image = images.addObject();
                image.put("id", imageId);
                image.put("file_name", file);
                image.put("width", n[xa]);
                image.put("height", n[ya]);
                image.put("case", c.name());
            }
            ObjectNode a = annotations.addObject();
            a.put("id", annotations.size());
            a.put("image_id", imageId);
            a.put("category_id", Interchange.label(protocol, b.regionId()));
            a.set("bbox", BoxJson.ints(new int[] {b.min()[xa], b.min()[ya], size[xa], size[ya]}));
            a.put("area", size[xa] * size[ya]);
            a.put("iscrowd", 0);
            // The box as a rectangle polygon: pycocotools' annToMask needs a segmentation it can draw.
            int x0 = b.min()[xa], y0 = b.min()[ya], x1 = x0 + size[xa], y1 = y0 + size[ya];
            a.putArray("segmentation").add(BoxJson.ints(new int[] {x0, y0, x1, y0, x1, y1, x0, y1}));
        }
    }

    public ObjectNode json() {
        return root;
    }

    private static byte[] slicePng(Volume v, int thin, int index, int xa, int ya) {
        int[] n = {v.nx(), v.ny(), v.nz()};
        WindowLevel w = WindowLevel.initial(v);
        double low = w.center() - w.width() / 2;
        byte[] grey = new byte[n[xa] * n[ya]];
        int[] at = new int[3];
        at[thin] = index;
        for (int y = 0; y < n[ya]; y++) {
            for (int x = 0; x < n[xa]; x++) {
                at[xa] = x;
                at[ya] = y;
                double value = v.value(at[0], at[1], at[2]); // rescaled, as the window is
                grey[y * n[xa] + x] = (byte) Math.max(0, Math.min(255, Math.round((value - low) / w.width() * 255)));
            }
        }
        return PngEncoder.encode(n[xa], n[ya], grey, false);
    }
}
