package org.groundwork.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.storage.PostgresLocation;
import org.groundwork.storage.PostgresProjectStore;
import org.groundwork.storage.ProjectSeeder;
import org.groundwork.storage.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code groundwork bench team}: simulated readers, each a workstation of its own (own session,
 * pool and leases), editing different cases of one PostgreSQL project at once.
 */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = {"Readers editing one shared project at once: edit commit p50/p99, edits lost or doubled, how soon "
                + "another workstation hears of an edit, and "
                + "how long a killed workstation's lease keeps its case.",
            "Writes to the database, which must hold no cases; scripts/bench-team.sh makes a throw-away server."})
final class TeamBenchmark implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POSTGRESQL_URL")
    private String url;

    @Option(names = "--readers", defaultValue = "10")
    private int readers;

    @Option(names = "--edits", defaultValue = "300", description = "timed edits per reader (default ${DEFAULT-VALUE})")
    private int edits;

    @Option(names = "--think-ms", defaultValue = "50",
            description = "mean pause between a reader's edits, drawn uniformly from 0 to twice this; 0 edits "
                    + "back to back (default ${DEFAULT-VALUE})")
    private long thinkMillis;

    @Option(names = "--session-seconds", defaultValue = "0",
            description = "instead: readers edit for this long while the server may be stopped and started (by "
                    + "scripts/bench-team.sh --cut), then every acknowledged edit is looked for on the server")
    private int sessionSeconds;

    @Option(names = "--lease-ms", defaultValue = "3000", description = "lease time for the handover (default ${DEFAULT-VALUE})")
    private long leaseMillis;

    private static final int WARM_UP = 30;
    private static final int CASES_PER_READER = 3;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PostgresLocation at = PostgresLocation.parse(url);
        if (System.getProperty("groundwork.journal") == null) { // the simulated readers' offline journals are thrown away
            System.setProperty("groundwork.journal", java.nio.file.Files.createTempDirectory("groundwork-bench-journal").toString());
        }
        List<Long> cases;
        try (PostgresProjectStore admin = PostgresProjectStore.openOrCreate(at, ProjectStore.defaultProtocol())) {
            if (!admin.cases().isEmpty()) {
                spec.commandLine().getErr().println("error: " + at + ": holds cases; the benchmark needs an empty database");
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
            ProjectSeeder.seed(admin, readers * CASES_PER_READER, 0);
            cases = admin.cases().stream().map(c -> c.id()).toList();
        }
        if (sessionSeconds > 0) {
            return session(out, at, cases);
        }
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<double[]>> results = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            List<Long> mine = cases.subList(r * CASES_PER_READER, (r + 1) * CASES_PER_READER);
            String reader = "reader-" + r;
            results.add(pool.submit(() -> read(at, reader, mine)));
        }
        List<Double> all = new ArrayList<>();
        for (Future<double[]> f : results) {
            for (double ms : f.get()) {
                all.add(ms);
            }
        }
        pool.shutdown();
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.printf(Locale.ROOT, "%d readers x %d edits, %s: commit p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", readers,
                edits, thinkMillis == 0 ? "back to back" : "pauses of 0-" + 2 * thinkMillis + " ms",
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1]);
        out.println(countCheck(at));
        double[] heard = noticeLatency(at, cases.get(1));
        out.printf(Locale.ROOT, "another workstation hears of an edit (%d edits): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                heard.length, percentile(heard, 0.50), percentile(heard, 0.99), heard[heard.length - 1]);
        out.printf(Locale.ROOT, "lease handover after a killed workstation: %d ms (lease %d ms)%n",
                handover(at, cases.get(0)), leaseMillis);
        out.flush();
        return 0;
    }

    /** One workstation: holds its cases and boxes them, timing each commit. */
    private double[] read(PostgresLocation at, String reader, List<Long> mine)
            throws ProjectException, InterruptedException {
        double[] millis = new double[edits];
        try (PostgresProjectStore store = PostgresProjectStore.open(at, false, PostgresProjectStore.DEFAULT_LEASE)) {
            for (long caseId : mine) {
                if (!store.lease(caseId, reader).mine()) {
                    throw new IllegalStateException(reader + " could not hold case " + caseId);
                }
                store.annotations(caseId);
            }
            for (int n = 0; n < WARM_UP + edits; n++) {
                Edit box = box(reader, n, mine);
                if (thinkMillis > 0) {
                    pause(thinkMillis);
                }
                long start = System.nanoTime();
                store.apply(box, reader);
                if (n >= WARM_UP) {
                    millis[n - WARM_UP] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return millis;
    }

    /** A reader's n-th edit: a box on the next of their cases, named {@code reader-n}. */
    private static Edit box(String reader, int n, List<Long> mine) {
        long caseId = mine.get(n % mine.size());
        return new Edit.PutBox(new Box(reader + "-" + n, caseId, "region", "label", new int[] {1, 2, n % 50},
                new int[] {30, 40, n % 50 + 5}, Provenance.human(reader, Instant.now())));
    }

    /** A reader's pause between edits: uniform from 0 to twice {@code meanMillis}. */
    private static void pause(long meanMillis) throws InterruptedException {
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2 * meanMillis + 1));
    }

    /** The boxes on the server by the reader who made them (box ids are {@code reader-n}). */
    private static Map<String, Integer> boxesByReader(PostgresProjectStore check) {
        Map<String, Integer> found = new java.util.HashMap<>();
        for (CaseAnnotations a : check.annotations().values()) {
            for (Box b : a.boxes()) {
                found.merge(b.id().substring(0, b.id().lastIndexOf('-')), 1, Integer::sum);
            }
        }
        return found;
    }

    /** A scripted session through a server outage: every acknowledged edit must be on the server afterwards. */
    private int session(PrintWriter out, PostgresLocation at, List<Long> cases) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<int[]>> results = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(sessionSeconds).toNanos();
        for (int r = 0; r < readers; r++) {
            List<Long> mine = cases.subList(r * CASES_PER_READER, (r + 1) * CASES_PER_READER);
            String reader = "reader-" + r;
            results.add(pool.submit(() -> readThrough(at, reader, mine, end)));
        }
        int acknowledged = 0;
        int kept = 0;
        Map<String, Integer> perReader = new java.util.HashMap<>();
        for (int r = 0; r < readers; r++) {
            int[] counts = results.get(r).get();
            perReader.put("reader-" + r, counts[0]);
            acknowledged += counts[0];
            kept += counts[1];
        }
        pool.shutdown();
        int lost = 0;
        try (PostgresProjectStore check = PostgresProjectStore.open(at, true, PostgresProjectStore.DEFAULT_LEASE)) {
            Map<String, Integer> found = boxesByReader(check);
            for (Map.Entry<String, Integer> e : perReader.entrySet()) {
                lost += Math.max(0, e.getValue() - found.getOrDefault(e.getKey(), 0));
            }
        }
        out.printf(Locale.ROOT, "%d s session, %d readers: %d edits acknowledged, %d of them kept offline while the "
                + "server was away; %d not on the server afterwards%n", sessionSeconds, readers, acknowledged, kept, lost);
        out.flush();
        return lost == 0 ? 0 : 1;
    }

    /** One reader until {@code end}; returns edits acknowledged and how many of them were kept offline. */
    private int[] readThrough(PostgresLocation at, String reader, List<Long> mine, long end) throws Exception {
        int acknowledged = 0;
        int kept = 0;
        try (PostgresProjectStore store = PostgresProjectStore.open(at, false, PostgresProjectStore.DEFAULT_LEASE)) {
            for (long caseId : mine) {
                store.lease(caseId, reader);
                store.annotations(caseId);
            }
            for (int n = 0; System.nanoTime() < end; n++) {
                pause(Math.max(1, thinkMillis));
                store.apply(box(reader, n, mine), reader);
                acknowledged++;
                if (!store.sync().online()) {
                    kept++;
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!(store.sync().online() && store.sync().waiting() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (!store.sync().conflicts().isEmpty()) {
                throw new IllegalStateException(reader + ": " + store.sync().conflicts());
            }
        }
        return new int[] {acknowledged, kept};
    }

    /** Every acknowledged edit is on the server once: boxes per reader, and audit rows per reader. */
    private String countCheck(PostgresLocation at) throws ProjectException {
        int expected = WARM_UP + edits;
        int lost = 0;
        int doubled = 0;
        try (PostgresProjectStore check = PostgresProjectStore.open(at, true, PostgresProjectStore.DEFAULT_LEASE)) {
            Map<String, Integer> audit = check.summary().editsByUser();
            Map<String, Integer> boxes = boxesByReader(check);
            for (int r = 0; r < readers; r++) {
                lost += Math.max(0, expected - boxes.getOrDefault("reader-" + r, 0));
                doubled += Math.max(0, audit.getOrDefault("reader-" + r, 0) - expected);
            }
        }
        return String.format(Locale.ROOT, "%d edits acknowledged: %d lost, %d doubled", expected * readers, lost, doubled);
    }

    /**
     * Milliseconds, sorted, from the start of an edit (its commit included) on one workstation until another's change listener
     * (its own connection, as a workstation's worklist has) hears of it; edits a second apart.
     */
    private static double[] noticeLatency(PostgresLocation at, long caseId) throws Exception {
        int count = 40;
        double[] millis = new double[count];
        java.util.concurrent.LinkedBlockingQueue<Long> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        try (PostgresProjectStore editing = PostgresProjectStore.open(at, false, PostgresProjectStore.DEFAULT_LEASE);
             PostgresProjectStore watching = PostgresProjectStore.open(at, false, PostgresProjectStore.DEFAULT_LEASE);
             AutoCloseable listener = watching.watch(id -> heard.add(System.nanoTime()))) {
            Thread.sleep(1_000); // the listener connects
            for (int n = 0; n < count; n++) {
                long committed = System.nanoTime(); // taken before: the notice may come before apply returns
                editing.apply(box("notice", n, List.of(caseId)), "notice");
                Long heardAt = heard.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                if (heardAt == null) {
                    throw new IllegalStateException("edit " + n + " was not heard of within 10 s");
                }
                millis[n] = (heardAt - committed) / 1e6;
                Thread.sleep(1_000 - (long) Math.min(900, millis[n])); // the next edit at another phase of the poll
            }
        }
        java.util.Arrays.sort(millis);
        return millis;
    }

    /** Milliseconds from killing a workstation that holds a case until another gets the case. */
    private long handover(PostgresLocation at, long caseId) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), at.toString(), String.valueOf(caseId), String.valueOf(leaseMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (PostgresProjectStore other = PostgresProjectStore.open(at, false, PostgresProjectStore.DEFAULT_LEASE)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            if (!"held".equals(in.readLine())) {
                throw new IllegalStateException("the holding workstation did not start");
            }
            holder.toHandle().destroyForcibly();
            holder.waitFor();
            long killed = System.nanoTime();
            while (!other.lease(caseId, "reader-next").mine()) {
                if (System.nanoTime() - killed > Duration.ofMillis(leaseMillis * 3).toNanos()) {
                    throw new IllegalStateException("the lease was not handed over");
                }
                Thread.sleep(20);
            }
            return (System.nanoTime() - killed) / 1_000_000;
        } finally {
            holder.destroyForcibly();
        }
    }

    static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** The workstation that is killed: holds a case, says "held", and waits. */
    public static final class Holder {
        private Holder() {
        }

        public static void main(String[] args) throws ProjectException, InterruptedException, SQLException {
            PostgresProjectStore store = PostgresProjectStore.open(PostgresLocation.parse(args[0]), false,
                    Duration.ofMillis(Long.parseLong(args[2])));
            System.out.println(store.lease(Long.parseLong(args[1]), "reader-killed").mine() ? "held" : "refused");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
