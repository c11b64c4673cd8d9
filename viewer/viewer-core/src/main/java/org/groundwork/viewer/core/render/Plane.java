package org.groundwork.viewer.core.render;

/** The three orthogonal viewing planes, in patient orientation whatever the acquisition plane. */
public enum Plane {
    AXIAL, CORONAL, SAGITTAL;

    /** The plane the slices of a volume were acquired in (oblique counts as axial). */
    public static Plane acquiredIn(org.groundwork.viewer.core.Affine voxelToLps) {
        return switch (org.groundwork.viewer.core.Orientation.slicePlane(voxelToLps)) {
            case "sagittal" -> SAGITTAL;
            case "coronal" -> CORONAL;
            default -> AXIAL;
        };
    }
}
