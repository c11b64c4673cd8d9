package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.io.VolumeScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork bench}: timings of Groundwork's own hot paths, for docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. See docs/benchmarks.md for how they are run next to dcm2niix and nibabel.",
        subcommands = {BenchCommand.Load.class, RenderBenchmark.class, StoreBenchmarks.Store.class,
            StoreBenchmarks.Import.class, ExportBenchmark.class, AssistBenchmark.class, FrameBenchmark.class, PacsBenchmark.class,
            TeamBenchmark.class})
final class BenchCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads the same files repeatedly in one JVM and prints median, min and max times. */
    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load a DICOM series or NIfTI file repeatedly and print the median time.")
    static final class Load implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH")
        private List<Path> paths;

        @Option(names = "--repeat", defaultValue = "10", description = "timed loads (default ${DEFAULT-VALUE})")
        private int repeat;

        @Option(names = "--warmup", defaultValue = "3", description = "untimed loads first (default ${DEFAULT-VALUE})")
        private int warmup;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            VolumeScanner scanner = new VolumeScanner();
            ScanResult first = null;
            for (int i = 0; i < warmup; i++) {
                first = scanner.scan(paths, LoadMonitor.NONE);
            }
            List<Double> millis = new ArrayList<>();
            List<Double> firstSlice = new ArrayList<>();
            long peakHeap = 0;
            for (int i = 0; i < repeat; i++) {
                first = null; // let the previous result go before the next load
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                long[] previewAt = {0};
                first = scanner.scan(paths, LoadMonitor.onPreview(v -> {
                    if (previewAt[0] == 0) {
                        previewAt[0] = System.nanoTime();
                    }
                }));
                millis.add((System.nanoTime() - start) / 1e6);
                if (previewAt[0] != 0) {
                    firstSlice.add((previewAt[0] - start) / 1e6);
                }
                peakHeap = Math.max(peakHeap, heapPeak());
            }
            if (first == null || first.volumes().isEmpty()) {
                BadInputReporting.listFailures(spec.commandLine().getErr(), first == null ? scanner.scan(paths, LoadMonitor.NONE) : first);
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
            long voxelBytes = 0;
            long voxels = 0;
            for (Volume v : first.volumes()) {
                voxelBytes += v.voxelCount() * v.data().type().bytes();
                voxels += v.voxelCount();
            }
            Collections.sort(millis);
            double median = millis.get(millis.size() / 2);
            Volume v = first.volumes().get(0);
            out.printf(Locale.ROOT, "load %s: %d volume(s), %d x %d x %d %s, %s%n", paths, first.volumes().size(),
                    v.nx(), v.ny(), v.nz(), v.data().type().name().toLowerCase(Locale.ROOT), v.info().encoding());
            out.printf(Locale.ROOT, "  median %.1f ms, min %.1f ms, max %.1f ms over %d loads (%d warm-up); %.0f Mvoxel/s%n",
                    median, millis.get(0), millis.get(millis.size() - 1), repeat, warmup, voxels / median / 1e3);
            if (!firstSlice.isEmpty()) {
                Collections.sort(firstSlice);
                out.printf(Locale.ROOT, "  middle slice decoded and ready to show after: median %.1f ms%n",
                        firstSlice.get(firstSlice.size() / 2));
            }
            out.printf(Locale.ROOT, "  voxel bytes %.1f MB; heap peak in a load %.1f MB (includes garbage not yet collected)%n",
                    voxelBytes / 1e6, peakHeap / 1e6);
            out.printf(Locale.ROOT, "  cores %d, max heap %.0f MB%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / 1e6);
            out.flush();
            return 0;
        }

        private static void resetPeaks() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        private static long heapPeak() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }
}
