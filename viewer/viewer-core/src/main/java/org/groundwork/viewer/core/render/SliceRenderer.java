package org.groundwork.viewer.core.render;

import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VoxelData;

/**
 * Resamples a plane of a volume onto its {@link SliceGeometry} grid and applies the window in one
 * pass, into ARGB pixels ready for a {@code PixelWriter}. Pure computation: call it from a
 * background thread; one renderer may serve several threads.
 */
public final class SliceRenderer {
    /** How a screen pixel between voxel centres gets its value. */
    public enum Interpolation { NEAREST, LINEAR }

    private static final int BLACK = 0xFF000000;

    private final Volume volume;
    private final Affine toVoxel;

    public SliceRenderer(Volume volume) {
        this.volume = volume;
        this.toVoxel = volume.voxelToLps().inverse();
    }

    public Volume volume() {
        return volume;
    }

    /**
     * Renders slice {@code slice} of {@code g} into {@code argb} ({@code g.width() * g.height()}).
     *
     * @param invert show low values bright (MONOCHROME1 images, or the user's invert)
     */
    public void render(SliceGeometry g, int slice, WindowLevel window, Interpolation interpolation, boolean invert,
                       int[] argb) {
        render(g, slice, window, interpolation, invert, argb, null);
    }

    /**
     * As {@link #render(SliceGeometry, int, WindowLevel, Interpolation, boolean, int[])}, keeping the
     * sampled stored values of 16-bit volumes in {@code samples}: when the next call asks for the same
     * slice, only the window is applied again (window/level drags do not resample the volume).
     *
     * @param samples this view's last sampled slice, or null
     */
    public void render(SliceGeometry g, int slice, WindowLevel window, Interpolation interpolation, boolean invert,
                       int[] argb, SampledSlice samples) {
        short[] shorts = volume.data() instanceof VoxelData.Int16 a ? a.values()
                : volume.data() instanceof VoxelData.UInt16 b ? b.values() : null;
        if (shorts == null) {
            renderAnyType(g, slice, window, interpolation, invert, argb);
            return;
        }
        int[] stored = argb;
        if (samples != null) {
            stored = samples.valuesFor(this, g, slice, interpolation);
            if (!samples.isFresh()) {
                sample(g, slice, interpolation, shorts, stored);
            }
        } else {
            sample(g, slice, interpolation, shorts, stored);
        }
        applyWindow(stored, lookupTable(window, invert), argb);
    }

    private static final int TILE = 32;
    private static final long PARALLEL_PIXELS = 64 * 1024;

    /** Fills {@code out} with stored values ({@code value & 0xFFFF}), -1 outside the volume. */
    private void sample(SliceGeometry g, int slice, Interpolation interpolation, short[] shorts, int[] out) {
        double[] start = sliceStart(g, slice);
        double[] dx = linear(g.right(), g.pixelMm());
        double[] dy = linear(g.down(), g.pixelMm());
        boolean signed = volume.data() instanceof VoxelData.Int16;
        AxisAlignedSampler aligned = interpolation == Interpolation.LINEAR
                ? AxisAlignedSampler.of(volume, g.width(), g.height(), start, dx, dy) : null;
        // Tiles keep the voxels a block of pixels needs in the cache, whichever way the plane cuts
        // through the volume's memory order; bands go to all cores for big slices.
        int rows = aligned != null ? AxisAlignedSampler.BAND : TILE;
        int bands = (g.height() + rows - 1) / rows;
        java.util.function.IntConsumer band = b -> {
            if (aligned != null) {
                aligned.rows(shorts, signed, out, b * rows, Math.min(g.height(), (b + 1) * rows));
                return;
            }
            for (int tx = 0; tx < g.width(); tx += TILE) {
                shortTile(out, g, tx, b * TILE, start, dx, dy, shorts, signed, interpolation);
            }
        };
        inBands(g, bands, band);
    }

    /** argb = the window's grey of each stored value; black where there is none. */
    private static void applyWindow(int[] stored, int[] lut, int[] argb) {
        for (int n = 0; n < argb.length; n++) {
            int value = stored[n];
            argb[n] = value < 0 ? BLACK : lut[value];
        }
    }

    private static void inBands(SliceGeometry g, int bands, java.util.function.IntConsumer band) {
        if ((long) g.width() * g.height() < PARALLEL_PIXELS) {
            for (int b = 0; b < bands; b++) {
                band.accept(b);
            }
        } else {
            org.groundwork.viewer.core.Workers.await(
                    () -> java.util.stream.IntStream.range(0, bands).parallel().forEach(band));
        }
    }

    /** Float, 32-bit, 8-bit and colour volumes: one pass, value by value. */
    private void renderAnyType(SliceGeometry g, int slice, WindowLevel window, Interpolation interpolation,
                               boolean invert, int[] argb) {
        double[] start = sliceStart(g, slice);
        double[] dx = linear(g.right(), g.pixelMm());
        double[] dy = linear(g.down(), g.pixelMm());
        int[] lut = lookupTable(window, invert);
        for (int y = 0; y < g.height(); y++) {
            double ci = start[0] + y * dy[0];
            double cj = start[1] + y * dy[1];
            double ck = start[2] + y * dy[2];
            int row = y * g.width();
            if (interpolation == Interpolation.NEAREST) {
                nearestRow(argb, row, g.width(), ci, cj, ck, dx, lut, window, invert);
            } else {
                linearRow(argb, row, g.width(), ci, cj, ck, dx, window, invert);
            }
        }
    }

    private void shortTile(int[] out, SliceGeometry g, int tx, int ty, double[] start, double[] dx, double[] dy,
                           short[] values, boolean signed, Interpolation interpolation) {
        int width = g.width();
        int xEnd = Math.min(width, tx + TILE);
        int yEnd = Math.min(g.height(), ty + TILE);
        int nx = volume.nx(), ny = volume.ny(), nz = volume.nz(), nxy = nx * ny;
        if (interpolation == Interpolation.LINEAR) {
            // A view in the acquisition plane lies exactly on one slice: blend four voxels, not eight.
            boolean onSlice = Math.abs(dx[2]) < 1e-9 && Math.abs(dy[2]) < 1e-9
                    && Math.abs(start[2] - Math.rint(start[2])) < 1e-6;
            linearTile(out, width, tx, xEnd, ty, yEnd, start, dx, dy, values, signed, onSlice);
            return;
        }
        double lo = -0.5, hiI = nx - 0.5, hiJ = ny - 0.5, hiK = nz - 0.5;
        for (int y = ty; y < yEnd; y++) {
            double ri = start[0] + y * dy[0], rj = start[1] + y * dy[1], rk = start[2] + y * dy[2];
            int row = y * width;
            for (int x = tx; x < xEnd; x++) {
                double fi = ri + x * dx[0], fj = rj + x * dx[1], fk = rk + x * dx[2];
                if (fi < lo || fj < lo || fk < lo || fi > hiI || fj > hiJ || fk > hiK) {
                    out[row + x] = -1;
                } else {
                    int i = Math.min(nx - 1, (int) (fi + 0.5));
                    int j = Math.min(ny - 1, (int) (fj + 0.5));
                    int k = Math.min(nz - 1, (int) (fk + 0.5));
                    out[row + x] = values[i + nx * j + nxy * k] & 0xFFFF;
                }
            }
        }
    }

    private static final int FIXED = 16;
    private static final double ONE = 1 << FIXED;

    /**
     * Trilinear sampling in 16.16 fixed point for planes at any angle: one addition per axis and
     * pixel, weights taken from the fraction bits. Coordinates outside [0, n - 1] give -1.
     */
    private void linearTile(int[] out, int width, int tx, int xEnd, int ty, int yEnd, double[] start, double[] dx,
                            double[] dy, short[] v, boolean signed, boolean onSlice) {
        int nx = volume.nx(), ny = volume.ny(), nz = volume.nz(), nxy = nx * ny;
        long maxI = (long) (nx - 1) << FIXED, maxJ = (long) (ny - 1) << FIXED, maxK = (long) (nz - 1) << FIXED;
        long sx = Math.round(dx[0] * ONE), sy = Math.round(dx[1] * ONE), sz = Math.round(dx[2] * ONE);
        int di = nx > 1 ? 1 : 0, dj = ny > 1 ? nx : 0, dk = nz > 1 ? nxy : 0;
        int mask = signed ? -1 : 0xFFFF;
        for (int y = ty; y < yEnd; y++) {
            long fi = Math.round((start[0] + y * dy[0] + tx * dx[0]) * ONE);
            long fj = Math.round((start[1] + y * dy[1] + tx * dx[1]) * ONE);
            long fk = Math.round((start[2] + y * dy[2] + tx * dx[2]) * ONE);
            int row = y * width;
            for (int x = tx; x < xEnd; x++, fi += sx, fj += sy, fk += sz) {
                if (fi < 0 || fj < 0 || fk < 0 || fi > maxI || fj > maxJ || fk > maxK) {
                    out[row + x] = -1;
                    continue;
                }
                int i0 = (int) (fi >> FIXED), j0 = (int) (fj >> FIXED), k0 = (int) (fk >> FIXED);
                int ti = (int) (fi >> (FIXED - 8)) & 0xFF, tj = (int) (fj >> (FIXED - 8)) & 0xFF;
                int tk = (int) (fk >> (FIXED - 8)) & 0xFF;
                // On the last voxel the weight of the next one is zero: stay inside the array.
                int stepI = i0 < nx - 1 ? di : 0, stepJ = j0 < ny - 1 ? dj : 0, stepK = k0 < nz - 1 ? dk : 0;
                int base = i0 + nx * j0 + nxy * k0;
                int c00 = mix(v[base] & mask, v[base + stepI] & mask, ti);
                int c10 = mix(v[base + stepJ] & mask, v[base + stepJ + stepI] & mask, ti);
                int value = mix(c00, c10, tj);
                if (!onSlice && tk != 0) {
                    int far = base + stepK;
                    int c01 = mix(v[far] & mask, v[far + stepI] & mask, ti);
                    int c11 = mix(v[far + stepJ] & mask, v[far + stepJ + stepI] & mask, ti);
                    value = mix(value, mix(c01, c11, tj), tk);
                }
                // Windowing is linear in the stored value, so the table serves interpolated values too.
                out[row + x] = value & 0xFFFF;
            }
        }
    }

    /** a + (b - a) * t / 256, rounded. */
    static int mix(int a, int b, int t) {
        return a + (((b - a) * t + 128) >> 8);
    }


    /** Voxel coordinates of pixel (0, 0) of a slice. */
    private double[] sliceStart(SliceGeometry g, int slice) {
        double along = slice * g.sliceMm();
        return toVoxel.apply(g.origin()[0] + g.normal()[0] * along, g.origin()[1] + g.normal()[1] * along,
                g.origin()[2] + g.normal()[2] * along);
    }

    /** The voxel-space step of a patient-space step (the affine's linear part, inverted). */
    private double[] linear(double[] direction, double mm) {
        double[] o = toVoxel.apply(0, 0, 0);
        double[] p = toVoxel.apply(direction[0] * mm, direction[1] * mm, direction[2] * mm);
        return new double[] {p[0] - o[0], p[1] - o[1], p[2] - o[2]};
    }

    /** The last window's table: scrolling and moving the crosshair keep the window. */
    private record Lut(WindowLevel window, boolean invert, int[] table) {
    }

    private volatile Lut lastLut;

    /**
     * Stored value → ARGB for 8- and 16-bit data, so that a pixel costs one array read. One view
     * makes it; the other views of the same volume, rendering the same window at once, wait for it.
     */
    private synchronized int[] lookupTable(WindowLevel window, boolean invert) {
        Lut last = lastLut;
        if (last != null && last.window().equals(window) && last.invert() == invert) {
            return last.table();
        }
        int[] table = newLookupTable(window, invert);
        if (table != null) {
            lastLut = new Lut(window, invert, table);
        }
        return table;
    }

    private int[] newLookupTable(WindowLevel window, boolean invert) {
        VoxelData data = volume.data();
        int size;
        if (data instanceof VoxelData.UInt8) {
            size = 256;
        } else if (data instanceof VoxelData.Int16 || data instanceof VoxelData.UInt16) {
            size = 65536;
        } else {
            return null;
        }
        boolean signed = data instanceof VoxelData.Int16;
        int min = signed ? Short.MIN_VALUE : 0, max = signed ? Short.MAX_VALUE : size - 1;
        double slope = volume.slope(), intercept = volume.intercept();
        int from = min, to = max;
        if (slope > 0) {
            // Every value below the window is black and above it white: compute only the ramp.
            from = (int) Math.max(min, Math.floor((window.lower() - intercept) / slope));
            to = (int) Math.min(max, Math.ceil((window.lower() + window.width() - intercept) / slope));
        }
        int below = argb(window.grey(min * slope + intercept), invert);
        int above = argb(window.grey(max * slope + intercept), invert);
        int[] lut = new int[size];
        for (int stored = min; stored <= max; stored++) {
            lut[stored & (size - 1)] = stored < from ? below : stored > to ? above
                    : argb(window.grey(stored * slope + intercept), invert);
        }
        return lut;
    }

    private static int argb(int grey, boolean invert) {
        int g = invert ? 255 - grey : grey;
        return BLACK | g << 16 | g << 8 | g;
    }

    private void nearestRow(int[] out, int row, int width, double ci, double cj, double ck, double[] dx, int[] lut,
                            WindowLevel window, boolean invert) {
        int nx = volume.nx(), ny = volume.ny(), nz = volume.nz();
        VoxelData data = volume.data();
        short[] shorts = data instanceof VoxelData.Int16 s ? s.values() : data instanceof VoxelData.UInt16 u ? u.values() : null;
        byte[] bytes = data instanceof VoxelData.UInt8 b ? b.values() : null;
        for (int x = 0; x < width; x++) {
            int i = (int) Math.floor(ci + x * dx[0] + 0.5);
            int j = (int) Math.floor(cj + x * dx[1] + 0.5);
            int k = (int) Math.floor(ck + x * dx[2] + 0.5);
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
                out[row + x] = BLACK;
                continue;
            }
            int index = i + nx * (j + ny * k);
            if (shorts != null) {
                out[row + x] = lut[shorts[index] & 0xFFFF];
            } else if (bytes != null) {
                out[row + x] = lut[bytes[index] & 0xFF];
            } else {
                out[row + x] = pixel(data, index, window, invert);
            }
        }
    }

    private int pixel(VoxelData data, int index, WindowLevel window, boolean invert) {
        if (data instanceof VoxelData.Rgb24 rgb) {
            return BLACK | rgb.values()[index];
        }
        return argb(window.grey(data.get(index) * volume.slope() + volume.intercept()), invert);
    }

    private void linearRow(int[] out, int row, int width, double ci, double cj, double ck, double[] dx,
                           WindowLevel window, boolean invert) {
        int nx = volume.nx(), ny = volume.ny(), nz = volume.nz();
        VoxelData data = volume.data();
        if (data instanceof VoxelData.Rgb24) {
            nearestRow(out, row, width, ci, cj, ck, dx, null, window, invert);
            return;
        }
        for (int x = 0; x < width; x++) {
            double fi = ci + x * dx[0], fj = cj + x * dx[1], fk = ck + x * dx[2];
            if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5) {
                out[row + x] = BLACK;
                continue;
            }
            // Clamp to the outermost voxel centres, then blend the eight neighbours.
            fi = Math.min(Math.max(fi, 0), nx - 1);
            fj = Math.min(Math.max(fj, 0), ny - 1);
            fk = Math.min(Math.max(fk, 0), nz - 1);
            int i0 = Math.min((int) fi, nx - 2 < 0 ? 0 : nx - 2), j0 = Math.min((int) fj, ny - 2 < 0 ? 0 : ny - 2);
            int k0 = Math.min((int) fk, nz - 2 < 0 ? 0 : nz - 2);
            int i1 = Math.min(i0 + 1, nx - 1), j1 = Math.min(j0 + 1, ny - 1), k1 = Math.min(k0 + 1, nz - 1);
            double ti = fi - i0, tj = fj - j0, tk = fk - k0;
            double c00 = lerp(data.get(index(i0, j0, k0)), data.get(index(i1, j0, k0)), ti);
            double c10 = lerp(data.get(index(i0, j1, k0)), data.get(index(i1, j1, k0)), ti);
            double c01 = lerp(data.get(index(i0, j0, k1)), data.get(index(i1, j0, k1)), ti);
            double c11 = lerp(data.get(index(i0, j1, k1)), data.get(index(i1, j1, k1)), ti);
            double v = lerp(lerp(c00, c10, tj), lerp(c01, c11, tj), tk);
            out[row + x] = argb(window.grey(v * volume.slope() + volume.intercept()), invert);
        }
    }

    private int index(int i, int j, int k) {
        return i + volume.nx() * (j + volume.ny() * k);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
