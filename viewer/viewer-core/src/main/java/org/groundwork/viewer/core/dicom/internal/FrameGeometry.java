package org.groundwork.viewer.core.dicom.internal;

import org.groundwork.viewer.core.dicom.DicomInstance;
import org.groundwork.viewer.core.dicom.DicomObject;
import org.groundwork.viewer.core.dicom.Tag;

/**
 * Where one frame lies in patient space and how its values scale, from the classic image modules or
 * from the functional groups of enhanced multi-frame images (per-frame first, then shared).
 *
 * @param rowDirection unit vector along a row (increasing column index)
 * @param columnDirection unit vector down a column (increasing row index)
 * @param rowSpacing distance between rows (PixelSpacing[0])
 * @param columnSpacing distance between columns (PixelSpacing[1])
 * @param hasGeometry false when the file gives no position or orientation (e.g. secondary capture)
 */
public record FrameGeometry(DicomInstance instance, int frame, double[] position, double[] rowDirection,
                            double[] columnDirection, double rowSpacing, double columnSpacing, double slope,
                            double intercept, double windowCenter, double windowWidth, boolean hasGeometry) {

    public double[] normal() {
        return Vectors.cross(rowDirection, columnDirection);
    }

    /** Geometry of every frame of an instance. */
    public static FrameGeometry[] of(DicomInstance instance) {
        DicomObject top = instance.attributes();
        int frames = instance.pixelFormat().frames();
        DicomObject shared = top.item(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        var perFrame = top.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        FrameGeometry[] result = new FrameGeometry[frames];
        double sliceStep = top.doubleOr(Tag.SPACING_BETWEEN_SLICES, top.doubleOr(Tag.SLICE_THICKNESS, 1.0));
        for (int f = 0; f < frames; f++) {
            DicomObject own = f < perFrame.size() ? perFrame.get(f) : null;
            double[] ipp = find(Tag.IMAGE_POSITION_PATIENT, Tag.PLANE_POSITION_SEQUENCE, own, shared, top, 3);
            double[] iop = find(Tag.IMAGE_ORIENTATION_PATIENT, Tag.PLANE_ORIENTATION_SEQUENCE, own, shared, top, 6);
            double[] spacing = find(Tag.PIXEL_SPACING, Tag.PIXEL_MEASURES_SEQUENCE, own, shared, top, 2);
            double[] slope = find(Tag.RESCALE_SLOPE, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, own, shared, top, 1);
            double[] intercept = find(Tag.RESCALE_INTERCEPT, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, own, shared, top, 1);
            double[] center = find(Tag.WINDOW_CENTER, Tag.FRAME_VOI_LUT_SEQUENCE, own, shared, top, 1);
            double[] width = find(Tag.WINDOW_WIDTH, Tag.FRAME_VOI_LUT_SEQUENCE, own, shared, top, 1);

            boolean geometry = ipp != null && iop != null && Vectors.isUsableOrientation(iop);
            double[] row = geometry ? Vectors.normalize(new double[] {iop[0], iop[1], iop[2]}) : new double[] {1, 0, 0};
            double[] col = geometry ? Vectors.normalize(new double[] {iop[3], iop[4], iop[5]}) : new double[] {0, 1, 0};
            double[] position = geometry ? ipp.clone() : new double[] {0, 0, 0};
            if (own == null && f > 0) {
                // Classic multi-frame: frames follow each other along the normal.
                position = Vectors.add(position, Vectors.scale(Vectors.cross(row, col), f * sliceStep));
            }
            double rowSpacing = spacing != null && spacing[0] > 0 ? spacing[0] : 1.0;
            double colSpacing = spacing != null && spacing[1] > 0 ? spacing[1] : 1.0;
            double s = slope != null && slope[0] != 0 ? slope[0] : 1.0;
            double b = intercept != null ? intercept[0] : 0.0;
            result[f] = new FrameGeometry(instance, f, position, row, col, rowSpacing, colSpacing, s, b,
                    center != null ? center[0] : Double.NaN, width != null ? width[0] : Double.NaN, geometry);
        }
        return result;
    }

    /** A value from the frame's own functional group, the shared group, or the top level, in that order. */
    private static double[] find(int tag, int macro, DicomObject own, DicomObject shared, DicomObject top, int count) {
        for (DicomObject group : new DicomObject[] {own, shared}) {
            if (group != null) {
                DicomObject item = group.item(macro);
                if (item != null && item.doubles(tag).length >= count) {
                    return item.doubles(tag);
                }
            }
        }
        double[] v = top.doubles(tag);
        return v.length >= count ? v : null;
    }
}
