package org.groundwork.dataset.export.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.Region;

/** The interchange formats other tools read: MONAI's datalist and 3D Slicer's ROI markups. */
public final class Interchange {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Slicer's markups schema version that the files follow. */
    public static final String SLICER_SCHEMA =
            "https://raw.githubusercontent.com/slicer/slicer/master/Modules/Loadable/Markups/Resources/Schema/markups-schema-v1.0.3.json#";

    private Interchange() {
    }

    /** Label value of a region in masks and datalists: its place in the protocol, from 1. */
    public static int label(Protocol protocol, String regionId) {
        List<Region> regions = protocol.regions();
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).id().equals(regionId)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Decathlon-style {@code dataset.json}: train and validation items with image, label and boxes; test items. */
    public static ObjectNode monai(String name, Protocol protocol, List<ExportCase> cases, boolean masks) {
        ObjectNode root = JSON.objectNode();
        root.put("name", name);
        root.put("description", "Exported by Groundwork with the protocol " + protocol.name() + " (version "
                + protocol.version() + ")");
        root.put("tensorImageSize", "3D");
        ObjectNode modality = root.putObject("modality");
        modality.put("0", cases.isEmpty() ? "" : cases.get(0).modality());
        ObjectNode labels = root.putObject("labels");
        labels.put("0", "background");
        for (Region r : protocol.regions()) {
            labels.put(String.valueOf(label(protocol, r.id())), r.name());
        }
        ArrayNode training = JSON.arrayNode();
        ArrayNode validation = JSON.arrayNode();
        ArrayNode test = JSON.arrayNode();
        for (ExportCase c : cases) {
            ObjectNode item = JSON.objectNode();
            item.put("image", c.image());
            if (masks) {
                item.put("label", c.mask());
            }
            ArrayNode boxes = item.putArray("box");
            ArrayNode boxLabels = item.putArray("box_label");
            for (Box b : c.annotations().boxes()) {
                // MONAI detection's "xyzxyz" mode: voxel corners, max exclusive.
                int[] min = b.min();
                int[] max = b.max();
                boxes.add(BoxJson.ints(new int[] {min[0], min[1], min[2], max[0], max[1], max[2]}));
                boxLabels.add(label(protocol, b.regionId()));
            }
            item.put("patient", c.patient());
            (c.split().equals("train") ? training : c.split().equals("val") ? validation : test).add(item);
        }
        // MONAI's load_decathlon_datalist raises on an empty list: a split without cases is left out.
        putUnlessEmpty(root, "training", training);
        putUnlessEmpty(root, "validation", validation);
        putUnlessEmpty(root, "test", test);
        root.put("numTraining", training.size());
        root.put("numValidation", validation.size());
        root.put("numTest", test.size());
        return root;
    }

    private static void putUnlessEmpty(ObjectNode root, String key, ArrayNode items) {
        if (!items.isEmpty()) {
            root.set(key, items);
        }
    }

    /** One {@code .mrk.json} per case with an ROI markup for each box, in LPS millimetres. */
    public static ObjectNode slicer(ExportCase c, Protocol protocol) {
        ObjectNode root = JSON.objectNode();
        root.put("@schema", SLICER_SCHEMA);
        ArrayNode markups = root.putArray("markups");
        for (Box b : c.annotations().boxes()) {
            ObjectNode roi = markups.addObject();
            roi.put("type", "ROI");
            roi.put("name", protocol.regionName(b.regionId()));
            roi.put("coordinateSystem", "LPS");
            roi.put("coordinateUnits", "mm");
            roi.put("roiType", "Box");
            double[] centre = BoxJson.centre(b, c.voxelToLps());
            double[] orientation = BoxJson.orientation(c.voxelToLps());
            roi.set("center", BoxJson.numbers(centre));
            roi.set("size", BoxJson.numbers(BoxJson.size(b, c.voxelToLps())));
            roi.set("orientation", BoxJson.numbers(orientation));
            ArrayNode points = roi.putArray("controlPoints");
            ObjectNode point = points.addObject();
            point.put("id", "1");
            point.put("label", protocol.regionName(b.regionId()));
            point.put("description", b.id());
            point.set("position", BoxJson.numbers(centre));
            point.set("orientation", BoxJson.numbers(orientation));
            point.put("selected", true);
            point.put("locked", false);
            point.put("visibility", true);
            point.put("positionStatus", "defined");
            ObjectNode display = roi.putObject("display");
            display.put("visibility", true);
            String hex = protocol.region(b.regionId()).map(Region::colour).orElse("#66ffff");
            display.set("color", BoxJson.numbers(new double[] {
                Integer.parseInt(hex.substring(1, 3), 16) / 255.0, Integer.parseInt(hex.substring(3, 5), 16) / 255.0,
                Integer.parseInt(hex.substring(5, 7), 16) / 255.0}));
        }
        return root;
    }
}
