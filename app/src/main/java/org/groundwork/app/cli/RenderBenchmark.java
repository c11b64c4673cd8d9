package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.groundwork.viewer.core.render.Plane;
import org.groundwork.viewer.core.render.SampledSlice;
import org.groundwork.viewer.core.render.SliceGeometry;
import org.groundwork.viewer.core.render.SliceRenderer;
import org.groundwork.viewer.core.render.WindowLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork bench render}: window/level + resampling of slices, and a crosshair move. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Median time to resample and window one slice per plane, and to update all three MPR views "
                + "after a crosshair move (the compute, not the screen).")
final class RenderBenchmark implements Callable<Integer> {
    private static final int RUNS = 200;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "a series or NIfTI file; without it, a synthetic "
            + "axial CT made in memory")
    private Path path;

    @picocli.CommandLine.Option(names = "--size", defaultValue = "512,512,200",
            description = "size of the synthetic CT (default ${DEFAULT-VALUE})")
    private String size;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Volume v;
        if (path == null) {
            String[] n = size.split(",");
            v = syntheticCt(Integer.parseInt(n[0].trim()), Integer.parseInt(n[1].trim()), Integer.parseInt(n[2].trim()));
        } else {
            ScanResult result = new VolumeScanner().scan(List.of(path), LoadMonitor.NONE);
            if (result.volumes().isEmpty()) {
                BadInputReporting.listFailures(spec.commandLine().getErr(), result);
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
            v = result.volumes().get(0);
        }
        SliceRenderer renderer = new SliceRenderer(v);
        WindowLevel window = WindowLevel.initial(v);
        out.printf(Locale.ROOT, "volume %d x %d x %d %s%n", v.nx(), v.ny(), v.nz(), v.data().type());
        SliceGeometry[] planes = new SliceGeometry[3];
        for (Plane plane : Plane.values()) {
            SliceGeometry g = SliceGeometry.of(v, plane, false);
            planes[plane.ordinal()] = g;
            for (SliceRenderer.Interpolation i : SliceRenderer.Interpolation.values()) {
                int[] argb = new int[g.width() * g.height()];
                double[] ms = time(() -> renderer.render(g, g.slices() / 2, window, i, false, argb));
                out.printf(Locale.ROOT, "  %-8s %4d x %4d %-7s median %.2f ms, p90 %.2f ms%n", plane, g.width(), g.height(),
                        i.name().toLowerCase(Locale.ROOT), ms[RUNS / 2], ms[RUNS * 9 / 10]);
            }
            // A window/level drag: same slice, a new window each frame; the view re-maps its samples.
            SampledSlice sampled = new SampledSlice();
            int[] argb = new int[g.width() * g.height()];
            int[] frame = {0};
            double[] ms = time(() -> renderer.render(g, g.slices() / 2,
                    new WindowLevel(window.center() + frame[0]++ % 50, window.width()),
                    SliceRenderer.Interpolation.LINEAR, false, argb, sampled));
            out.printf(Locale.ROOT, "  %-8s %4d x %4d window change (slice kept) median %.2f ms, p90 %.2f ms%n", plane,
                    g.width(), g.height(), ms[RUNS / 2], ms[RUNS * 9 / 10]);
        }
        int[][] buffers = new int[3][];
        for (int p = 0; p < 3; p++) {
            buffers[p] = new int[planes[p].width() * planes[p].height()];
        }
        int[] step = {0};
        double[] ms = time(() -> {
            // A crosshair move: every view goes to the slice through the new point and renders it.
            double[] point = v.voxelToLps().apply(step[0] % v.nx(), (step[0] * 7) % v.ny(), (step[0] * 3) % v.nz());
            step[0]++;
            for (int p = 0; p < 3; p++) {
                renderer.render(planes[p], planes[p].sliceOf(point), window, SliceRenderer.Interpolation.LINEAR, false, buffers[p]);
            }
        });
        out.printf(Locale.ROOT, "  crosshair move, three views, linear: median %.2f ms, p90 %.2f ms (slices split over all cores)%n",
                ms[RUNS / 2], ms[RUNS * 9 / 10]);
        mip(out, v);
        out.flush();
        return 0;
    }

    /**
     * 3D: MIP of the volume into 512 x 512 (full quality) and, as the view does while dragging,
     * 256 x 256 with every other sample along the rays; all cores.
     */
    private static void mip(PrintWriter out, Volume v) {
        org.groundwork.viewer.core.render.VolumeRenderer renderer = new org.groundwork.viewer.core.render.VolumeRenderer(v);
        WindowLevel window = WindowLevel.initial(v);
        for (int size : new int[] {512, 256}) {
            boolean preview = size < 512;
            int[] argb = new int[size * size];
            org.groundwork.viewer.core.render.Camera[] camera = {org.groundwork.viewer.core.render.Camera.FRONT};
            double[] ms = time(() -> {
                camera[0] = camera[0].rotatedBy(3, 1);
                renderer.render(camera[0], org.groundwork.viewer.core.render.VolumeRenderer.Mode.MIP, window, null,
                        size, size, argb, preview);
            }, 20);
            out.printf(Locale.ROOT, "  3D MIP into %d x %d%s: median %.1f ms, p90 %.1f ms (%d cores)%n", size, size,
                    preview ? " (drag preview)" : "",
                    ms[ms.length / 2], ms[ms.length * 9 / 10], Runtime.getRuntime().availableProcessors());
        }
    }

    private static Volume syntheticCt(int nx, int ny, int nz) {
        org.groundwork.viewer.core.VoxelData.Int16 data = (org.groundwork.viewer.core.VoxelData.Int16)
                org.groundwork.viewer.core.VoxelData.allocate(org.groundwork.viewer.core.VoxelType.INT16, (long) nx * ny * nz);
        java.util.Random random = new java.util.Random(1);
        for (int n = 0; n < data.values().length; n++) {
            data.values()[n] = (short) (random.nextInt(2000) - 1000);
        }
        return new Volume(nx, ny, nz, data, org.groundwork.viewer.core.Affine.of(0.7, 0, 0, -0.35 * nx, 0, 0.7, 0,
                -0.35 * ny, 0, 0, 1.25, -0.6 * nz, 0, 0, 0, 1), 1, -1024, org.groundwork.viewer.core.VolumeInfo.of("synthetic", "CT", "none"),
                List.of());
    }

    private static double[] time(Runnable work) {
        return time(work, RUNS);
    }

    private static double[] time(Runnable work, int runs) {
        for (int i = 0; i < runs / 4; i++) {
            work.run(); // warm-up
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }
}
