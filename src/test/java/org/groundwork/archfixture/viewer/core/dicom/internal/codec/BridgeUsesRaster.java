package org.groundwork.archfixture.viewer.core.dicom.internal.codec;

/** Allowed: the codec bridge reads decoded pixels from a raster. */
public final class BridgeUsesRaster {
    public int sample(java.awt.image.Raster raster) {
        return raster.getSample(0, 0, 0);
    }
}
