package org.groundwork.viewer.core.render;

/** The three orthogonal viewing planes, in patient orientation whatever the acquisition plane. */
public enum Plane {
    AXIAL, CORONAL, SAGITTAL
}
