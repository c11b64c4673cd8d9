package org.groundwork.archfixture.viewer.core.dicom.internal.codec;

/** Planted violation: the codec bridge reaching beyond rasters into AWT windows. */
public final class BridgeUsesAwtWindow {
    private java.awt.Frame frame;

    public Object window() {
        return frame;
    }
}
