package org.groundwork.viewer.core.render;

import java.util.Arrays;
import org.groundwork.viewer.core.Volume;

/**
 * Linear sampling of a plane whose screen axes run along two of the volume's voxel axes (every
 * plane of a volume acquired without obliquity). The voxel offsets and weights of a column repeat
 * in every row and those of a row along it, so both come from tables computed once per slice
 * instead of per pixel; the third axis is constant and on a voxel for the acquisition plane, so
 * most pixels blend four voxels.
 */
final class AxisAlignedSampler {
    /** Rows per band of work. */
    static final int BAND = 16;
    private static final int FIXED = 16;
    private static final double ONE = 1 << FIXED;
    private static final double AXIS_EPSILON = 1e-9;

    private final Axis columns;
    private final Axis rows;
    private final int sliceOffset;
    private final int sliceStep;
    private final int sliceWeight;
    private final boolean outside;

    /** Offsets of the lower voxel (-1 outside the volume), of the next one, and its weight 0..255. */
    private record Axis(int[] offset, int[] step, int[] weight) {
        static Axis along(int count, double start, double delta, int voxels, int stride) {
            int[] offset = new int[count];
            int[] step = new int[count];
            int[] weight = new int[count];
            long max = (long) (voxels - 1) << FIXED;
            for (int n = 0; n < count; n++) {
                long f = Math.round((start + n * delta) * ONE);
                if (f < 0 || f > max) {
                    offset[n] = -1;
                    continue;
                }
                int lower = (int) (f >> FIXED);
                offset[n] = lower * stride;
                // On the last voxel the weight of the next one is zero: stay inside the array.
                step[n] = lower < voxels - 1 ? stride : 0;
                weight[n] = (int) (f >> (FIXED - 8)) & 0xFF;
            }
            return new Axis(offset, step, weight);
        }
    }

    private AxisAlignedSampler(Axis columns, Axis rows, int sliceOffset, int sliceStep, int sliceWeight,
                               boolean outside) {
        this.columns = columns;
        this.rows = rows;
        this.sliceOffset = sliceOffset;
        this.sliceStep = sliceStep;
        this.sliceWeight = sliceWeight;
        this.outside = outside;
    }

    /**
     * The sampler of a plane starting at voxel {@code start} and stepping {@code dx} per column and
     * {@code dy} per row, or null when the plane is oblique to the voxel grid.
     */
    static AxisAlignedSampler of(Volume volume, int width, int height, double[] start, double[] dx, double[] dy) {
        int across = soleAxis(dx);
        int down = soleAxis(dy);
        if (across < 0 || down < 0 || across == down) {
            return null;
        }
        int third = 3 - across - down;
        int[] size = {volume.nx(), volume.ny(), volume.nz()};
        int[] stride = {1, volume.nx(), volume.nx() * volume.ny()};
        Axis sliceAxis = Axis.along(1, start[third], 0, size[third], stride[third]);
        return new AxisAlignedSampler(
                Axis.along(width, start[across], dx[across], size[across], stride[across]),
                Axis.along(height, start[down], dy[down], size[down], stride[down]),
                Math.max(0, sliceAxis.offset()[0]), sliceAxis.step()[0], sliceAxis.weight()[0],
                sliceAxis.offset()[0] < 0);
    }

    private static int soleAxis(double[] d) {
        int axis = -1;
        for (int a = 0; a < 3; a++) {
            if (Math.abs(d[a]) > AXIS_EPSILON) {
                if (axis >= 0) {
                    return -1;
                }
                axis = a;
            }
        }
        return axis;
    }

    /** Stored values ({@code value & 0xFFFF}, -1 outside the volume) of rows {@code [y0, y1)}. */
    void rows(short[] v, boolean signed, int[] out, int y0, int y1) {
        int width = columns.offset().length;
        int[] xOffset = columns.offset(), xStep = columns.step(), xWeight = columns.weight();
        int mask = signed ? -1 : 0xFFFF;
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            if (outside || rows.offset()[y] < 0) {
                Arrays.fill(out, row, row + width, -1);
                continue;
            }
            int near = sliceOffset + rows.offset()[y];
            int below = near + rows.step()[y];
            int ty = rows.weight()[y];
            for (int x = 0; x < width; x++) {
                int o = xOffset[x];
                if (o < 0) {
                    out[row + x] = -1;
                    continue;
                }
                int s = xStep[x], t = xWeight[x];
                int value = SliceRenderer.mix(
                        SliceRenderer.mix(v[near + o] & mask, v[near + o + s] & mask, t),
                        SliceRenderer.mix(v[below + o] & mask, v[below + o + s] & mask, t), ty);
                if (sliceWeight != 0) {
                    int farNear = near + sliceStep, farBelow = below + sliceStep;
                    int far = SliceRenderer.mix(
                            SliceRenderer.mix(v[farNear + o] & mask, v[farNear + o + s] & mask, t),
                            SliceRenderer.mix(v[farBelow + o] & mask, v[farBelow + o + s] & mask, t), ty);
                    value = SliceRenderer.mix(value, far, sliceWeight);
                }
                out[row + x] = value & 0xFFFF;
            }
        }
    }
}
