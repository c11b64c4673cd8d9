package org.groundwork.viewer.core.render;

import java.util.stream.IntStream;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.Workers;

/**
 * 3D rendering on the CPU (no GPU or JavaFX 3D needed): orthographic ray casting through the
 * volume, one ray per pixel, rows spread over all cores. Maximum intensity projection, or direct
 * volume rendering with a {@link TransferFunction}, composited front to back.
 */
public final class VolumeRenderer {
    /** What a ray computes. */
    public enum Mode { MIP, DVR }

    private static final int BLACK = 0xFF000000;

    private final Volume volume;
    private final Affine toVoxel;
    private final double[] centre;
    private final double radius;
    private final double stepMm;

    public VolumeRenderer(Volume volume) {
        this.volume = volume;
        this.toVoxel = volume.voxelToLps().inverse();
        this.centre = volume.voxelToLps().apply((volume.nx() - 1) / 2.0, (volume.ny() - 1) / 2.0, (volume.nz() - 1) / 2.0);
        double[] corner = volume.voxelToLps().apply(-0.5, -0.5, -0.5);
        double r2 = 0;
        for (int d = 0; d < 3; d++) {
            r2 += (corner[d] - centre[d]) * (corner[d] - centre[d]);
        }
        this.radius = Math.sqrt(r2);
        double[] s = volume.spacing();
        this.stepMm = Math.min(s[0], Math.min(s[1], s[2]));
    }

    public Volume volume() {
        return volume;
    }

    /** Screen position {x, y} of an LPS point in an image of the given size. */
    public double[] project(Camera camera, int width, int height, double[] lps) {
        double mmPerPixel = 2 * radius / Math.min(width, height) / camera.zoom();
        double[] rel = {lps[0] - centre[0], lps[1] - centre[1], lps[2] - centre[2]};
        return new double[] {width / 2.0 + SliceGeometry.dot(rel, camera.right()) / mmPerPixel,
                height / 2.0 + SliceGeometry.dot(rel, camera.down()) / mmPerPixel};
    }

    /**
     * Renders into {@code argb} ({@code width * height}).
     *
     * @param window grey mapping of the maximum (MIP)
     * @param transfer colour and opacity of tissue (DVR)
     */
    public void render(Camera camera, Mode mode, WindowLevel window, TransferFunction transfer, int width, int height,
                       int[] argb) {
        render(camera, mode, window, transfer, width, height, argb, false);
    }

    /**
     * As above; {@code coarse} samples every other step along the rays, for the previews drawn
     * while the user rotates (the full image follows when the mouse stops).
     */
    public void render(Camera camera, Mode mode, WindowLevel window, TransferFunction transfer, int width, int height,
                       int[] argb, boolean coarse) {
        double stepMm = coarse ? this.stepMm * 2 : this.stepMm;
        double[] f = camera.forward(), r = camera.right(), d = camera.down();
        double mmPerPixel = 2 * radius / Math.min(width, height) / camera.zoom();
        double[] o = toVoxel.apply(0, 0, 0);
        double[] step = minus(toVoxel.apply(f[0] * stepMm, f[1] * stepMm, f[2] * stepMm), o);
        double[] dxv = minus(toVoxel.apply(r[0] * mmPerPixel, r[1] * mmPerPixel, r[2] * mmPerPixel), o);
        double[] dyv = minus(toVoxel.apply(d[0] * mmPerPixel, d[1] * mmPerPixel, d[2] * mmPerPixel), o);
        double[] corner = toVoxel.apply(
                centre[0] - f[0] * radius - (width / 2.0 - 0.5) * mmPerPixel * r[0] - (height / 2.0 - 0.5) * mmPerPixel * d[0],
                centre[1] - f[1] * radius - (width / 2.0 - 0.5) * mmPerPixel * r[1] - (height / 2.0 - 0.5) * mmPerPixel * d[1],
                centre[2] - f[2] * radius - (width / 2.0 - 0.5) * mmPerPixel * r[2] - (height / 2.0 - 0.5) * mmPerPixel * d[2]);
        int steps = (int) Math.ceil(2 * radius / stepMm);
        Runnable all = () -> IntStream.range(0, height).parallel().forEach(y -> {
            for (int x = 0; x < width; x++) {
                double[] start = {corner[0] + x * dxv[0] + y * dyv[0], corner[1] + x * dxv[1] + y * dyv[1],
                    corner[2] + x * dxv[2] + y * dyv[2]};
                argb[y * width + x] = mode == Mode.MIP ? mip(start, step, steps, window)
                        : dvr(start, step, steps, transfer, stepMm);
            }
        });
        Workers.await(all);
    }

    /** The part [tmin, tmax] of the ray start + t * step inside the voxel box (slab method). */
    private double[] clip(double[] start, double[] step, int steps) {
        double tmin = 0, tmax = steps;
        int[] n = {volume.nx(), volume.ny(), volume.nz()};
        for (int a = 0; a < 3; a++) {
            double lo = -0.5, hi = n[a] - 0.5;
            if (Math.abs(step[a]) < 1e-12) {
                if (start[a] < lo || start[a] > hi) {
                    return null;
                }
                continue;
            }
            double t1 = (lo - start[a]) / step[a], t2 = (hi - start[a]) / step[a];
            tmin = Math.max(tmin, Math.min(t1, t2));
            tmax = Math.min(tmax, Math.max(t1, t2));
        }
        return tmin < tmax ? new double[] {tmin, tmax} : null;
    }

    private int mip(double[] start, double[] step, int steps, WindowLevel window) {
        double[] span = clip(start, step, steps);
        if (span == null) {
            return BLACK;
        }
        int nx = volume.nx(), nxy = nx * volume.ny();
        int maxI = nx - 1, maxJ = volume.ny() - 1, maxK = volume.nz() - 1;
        VoxelData data = volume.data();
        short[] shorts = data instanceof VoxelData.Int16 a ? a.values() : data instanceof VoxelData.UInt16 b ? b.values() : null;
        boolean unsigned = data instanceof VoxelData.UInt16;
        double best = -Double.MAX_VALUE;
        for (double t = Math.ceil(span[0]); t <= span[1]; t++) {
            int i = Math.max(0, Math.min(maxI, (int) Math.floor(start[0] + t * step[0] + 0.5)));
            int j = Math.max(0, Math.min(maxJ, (int) Math.floor(start[1] + t * step[1] + 0.5)));
            int k = Math.max(0, Math.min(maxK, (int) Math.floor(start[2] + t * step[2] + 0.5)));
            int index = i + nx * j + nxy * k;
            double v = shorts != null ? (unsigned ? shorts[index] & 0xFFFF : shorts[index]) : data.get(index);
            if (v > best) {
                best = v;
            }
        }
        if (best == -Double.MAX_VALUE) {
            return BLACK;
        }
        int g = window.grey(best * volume.slope() + volume.intercept());
        return BLACK | g << 16 | g << 8 | g;
    }

    private int dvr(double[] start, double[] step, int steps, TransferFunction tf, double stepMm) {
        double[] span = clip(start, step, steps);
        if (span == null) {
            return BLACK;
        }
        int nx = volume.nx(), nxy = nx * volume.ny();
        int maxI = nx - 1, maxJ = volume.ny() - 1, maxK = volume.nz() - 1;
        double r = 0, g = 0, b = 0, alpha = 0;
        for (double t = Math.ceil(span[0]); t <= span[1] && alpha < 0.97; t++) {
            int i = Math.max(0, Math.min(maxI, (int) Math.floor(start[0] + t * step[0] + 0.5)));
            int j = Math.max(0, Math.min(maxJ, (int) Math.floor(start[1] + t * step[1] + 0.5)));
            int k = Math.max(0, Math.min(maxK, (int) Math.floor(start[2] + t * step[2] + 0.5)));
            double value = volume.data().get(i + nx * j + nxy * k) * volume.slope() + volume.intercept();
            double a = tf.alpha(value, stepMm);
            if (a > 0) {
                int c = tf.colour(value);
                double w = (1 - alpha) * a;
                r += w * (c >> 16 & 0xFF);
                g += w * (c >> 8 & 0xFF);
                b += w * (c & 0xFF);
                alpha += w;
            }
        }
        return BLACK | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, v + 0.5));
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }
}
