package org.groundwork.viewer.core.render;

/**
 * The stored values a view sampled last, kept so that a change of window or invert alone re-maps
 * them instead of resampling the volume. One per view; renders of a view run one at a time.
 */
public final class SampledSlice {
    private SliceRenderer renderer;
    private SliceGeometry geometry;
    private int slice;
    private SliceRenderer.Interpolation interpolation;
    private int[] values = new int[0];
    private boolean fresh;

    /** The voxels changed (a volume still loading): the next render samples again. */
    public synchronized void invalidate() {
        renderer = null;
    }

    /** The buffer for this slice; {@link #isFresh()} says whether it already holds it. */
    synchronized int[] valuesFor(SliceRenderer r, SliceGeometry g, int s, SliceRenderer.Interpolation i) {
        // Identity, not equality: a view keeps one geometry object until its volume or layout changes.
        fresh = renderer == r && geometry == g && slice == s && interpolation == i;
        if (!fresh) {
            renderer = r;
            geometry = g;
            slice = s;
            interpolation = i;
            int pixels = g.width() * g.height();
            if (values.length != pixels) {
                values = new int[pixels];
            }
        }
        return values;
    }

    synchronized boolean isFresh() {
        return fresh;
    }
}
