package org.groundwork.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.ProjectSeeder;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.LoadMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork bench store} and {@code bench import}: the project store's hot paths. */
final class StoreBenchmarks {
    private StoreBenchmarks() {
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Edit commit latency (p50/p99), the time to open a large project and to read its worklist, "
                    + "and the proposal tallies of the Models list, in a temporary folder.")
    static final class Store implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--edits", defaultValue = "2000", description = "edits to time (default ${DEFAULT-VALUE})")
        private int edits;

        @Option(names = "--cases", defaultValue = "10000")
        private int cases;

        @Option(names = "--boxes-per-case", defaultValue = "10")
        private int boxesPerCase;

        @Option(names = "--dir", description = "where to create the temporary projects (default: the system temp folder)")
        private Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path base = dir == null ? Files.createTempDirectory("groundwork-bench") : Files.createDirectories(dir);
            try {
                commitLatency(out, base.resolve("latency"));
                openLarge(out, base.resolve("large"));
            } finally {
                deleteTree(base);
            }
            out.flush();
            return 0;
        }

        private void commitLatency(PrintWriter out, Path project) throws ProjectException {
            try (ProjectStore store = SqliteProjectStore.openOrCreate(project)) {
                ProjectSeeder.seed(store, 1, 0);
                long caseId = store.cases().get(0).id();
                double[] micros = new double[edits];
                for (int n = 0; n < edits + 100; n++) {
                    Box box = new Box("b" + n, caseId, "region", "label", new int[] {1, 2, n % 100},
                            new int[] {30, 40, n % 100 + 5}, Provenance.human("bench", Instant.now()));
                    long start = System.nanoTime();
                    store.apply(new Edit.PutBox(box), "bench");
                    if (n >= 100) { // the first hundred warm up the JIT and the file system
                        micros[n - 100] = (System.nanoTime() - start) / 1e3;
                    }
                }
                Arrays.sort(micros);
                out.printf(Locale.ROOT, "edit commit (WAL, synchronous=FULL), %d edits: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        edits, micros[edits / 2] / 1e3, micros[(int) (edits * 0.99)] / 1e3, micros[edits - 1] / 1e3);
            }
        }

        private void openLarge(PrintWriter out, Path project) throws ProjectException {
            try (ProjectStore store = SqliteProjectStore.openOrCreate(project)) {
                ProjectSeeder.seed(store, cases, boxesPerCase);
            }
            double[] millis = new double[5];
            int boxes = 0;
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                try (ProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
                    int listed = store.cases().size();
                    boxes = store.summary().boxes();
                    if (listed != cases) {
                        throw new IllegalStateException("expected " + cases + " cases, found " + listed);
                    }
                }
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            out.printf(Locale.ROOT, "open project (integrity check, migration check, backup, worklist, summary) with "
                    + "%d cases and %d boxes: median %.0f ms of 5%n", cases, boxes, millis[2]);
            worklist(out, project);
            proposalTallies(out, project);
        }

        /** What Assist → Models… counts besides the models: each model version's proposals by fate. */
        private void proposalTallies(PrintWriter out, Path project) throws ProjectException {
            int perCase = 5;
            int versions = 3;
            try (ProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
                ProjectSeeder.seedProposals(store, perCase, versions);
                double[] millis = new double[6];
                for (int i = 0; i < millis.length; i++) {
                    long start = System.nanoTime();
                    int tallied = store.modelShelf().uses().values().stream().mapToInt(u -> u.proposals()).sum();
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    if (tallied != cases * perCase) {
                        throw new IllegalStateException("expected " + cases * perCase + " proposals, tallied " + tallied);
                    }
                }
                double[] kept = Arrays.copyOfRange(millis, 1, millis.length);
                Arrays.sort(kept);
                out.printf(Locale.ROOT, "proposal tallies by model version (Assist → Models…), %d proposals of %d "
                        + "versions: median %.1f ms of 5 after one warm-up%n", cases * perCase, versions, kept[2]);
            }
        }

        /**
         * What the worklist shows, completeness included: the cases, each one's progress (overall and per
         * reader) and the readers dealt to it. The first read after an upgrade counts every case once.
         */
        private void worklist(PrintWriter out, Path project) throws ProjectException {
            double[] millis = new double[6];
            for (int i = 0; i < millis.length; i++) {
                try (ProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
                    long start = System.nanoTime();
                    int listed = store.cases().size();
                    int counted = store.progress().size();
                    store.readerAssignments();
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    if (listed != cases || counted != cases) {
                        throw new IllegalStateException("expected " + cases + " cases with progress, found " + listed
                                + " and " + counted);
                    }
                }
            }
            double first = millis[0];
            double[] kept = Arrays.copyOfRange(millis, 1, millis.length);
            Arrays.sort(kept);
            out.printf(Locale.ROOT, "full worklist with completeness, %d cases: median %.0f ms of 5 (first read after "
                    + "an upgrade, counting every case once: %.0f ms)%n", cases, kept[2], first);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import scan rate in files per second, next to the ceiling: listing the folder and reading "
                    + "the first 64 KB of every file.")
    static final class Import implements Callable<Integer> {
        private static final int ROUNDS = 10;
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1", paramLabel = "FOLDER")
        private Path folder;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            double ceiling = Double.MAX_VALUE;
            double imported = Double.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                readHeads(files);
                ceiling = Math.min(ceiling, (System.nanoTime() - start) / 1e9);
                Path project = Files.createTempDirectory("groundwork-bench-import");
                try (ProjectStore store = SqliteProjectStore.openOrCreate(project)) {
                    start = System.nanoTime();
                    ProjectImporter.importFolders(store, List.of(folder), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
                    imported = Math.min(imported, (System.nanoTime() - start) / 1e9);
                } finally {
                    deleteTree(project);
                }
            }
            out.printf(Locale.ROOT, "import %d files: %.0f files/s (best of %d); ceiling (list + read 64 KB of each): %.0f files/s%n",
                    files.size(), files.size() / imported, ROUNDS, files.size() / ceiling);
            out.flush();
            return 0;
        }

        private static void readHeads(List<Path> files) throws IOException {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64 * 1024);
            try (Stream<Path> walk = Files.walk(files.get(0).getParent())) {
                walk.count(); // the directory listing
            }
            for (Path f : files) {
                try (FileChannel c = FileChannel.open(f, StandardOpenOption.READ)) {
                    buffer.clear();
                    c.read(buffer, 0);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        try {
            org.groundwork.app.FileTrees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
