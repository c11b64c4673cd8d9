package org.groundwork.annotate.fx.reasoning;

import java.util.Optional;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Evidence;
import org.groundwork.annotate.fx.box.BoxTools;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.WindowLevel;
import org.groundwork.viewer.fx.MprViewer;
import org.groundwork.viewer.fx.SliceView;

/**
 * How the reasoning panel reaches the images: the selected box, a bookmark of what is on screen,
 * and going back to a step's evidence.
 */
public final class ViewerLink {
    private final MprViewer viewer;
    private final BoxTools boxes;
    private Plane lastPlane;

    public ViewerLink(MprViewer viewer, BoxTools boxes) {
        this.viewer = viewer;
        this.boxes = boxes;
        for (SliceView view : viewer.views()) {
            view.focusedProperty().addListener((obs, was, focused) -> {
                if (focused) {
                    lastPlane = view.plane();
                }
            });
        }
    }

    public Optional<Box> selectedBox() {
        return boxes.selectedBox();
    }

    /** The region new boxes get (the selected question's). */
    public void useRegion(String regionId) {
        boxes.regionProperty().set(regionId);
    }

    /** The view last worked in (or the one shown alone), its slice, the window and the cursor. */
    public Optional<Evidence.ViewBookmark> bookmark() {
        if (viewer.volumeProperty().get() == null || viewer.crosshairProperty().get() == null) {
            return Optional.empty();
        }
        Plane plane = viewer.layoutProperty().get() == MprViewer.Layout.SINGLE || lastPlane == null
                ? viewer.singlePlaneProperty().get() : lastPlane;
        WindowLevel w = viewer.windowProperty().get();
        return Optional.of(new Evidence.ViewBookmark(plane.name(), viewer.view(plane).sliceProperty().get(),
                w.center(), w.width(), viewer.crosshairProperty().get()));
    }

    /** Brings the evidence on screen: the box centred and selected, or the bookmarked view restored. */
    public void show(Evidence evidence, Box box) {
        Volume v = viewer.volumeProperty().get();
        if (v == null) {
            return;
        }
        if (evidence instanceof Evidence.BoxRef && box != null) {
            int[] min = box.min();
            int[] max = box.max();
            viewer.crosshairProperty().set(v.voxelToLps().apply((min[0] + max[0] - 1) / 2.0,
                    (min[1] + max[1] - 1) / 2.0, (min[2] + max[2] - 1) / 2.0));
            boxes.selectedProperty().set(box.id());
        } else if (evidence instanceof Evidence.ViewBookmark view) {
            Plane plane = Plane.valueOf(view.plane());
            viewer.windowProperty().set(new WindowLevel(view.windowCenter(), view.windowWidth()));
            viewer.crosshairProperty().set(view.lps());
            viewer.singlePlaneProperty().set(plane);
            viewer.view(plane).sliceProperty().set(view.slice());
            lastPlane = plane;
        }
    }
}
