package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.storage.dicomweb.DicomWebClient;
import org.groundwork.storage.dicomweb.PacsCache;
import org.groundwork.storage.dicomweb.PacsSeries;
import org.groundwork.storage.dicomweb.StudyQuery;
import org.groundwork.viewer.core.LoadMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code groundwork bench pacs}: QIDO-RS search and WADO-RS retrieval of one series, timed in one JVM. */
@Command(name = "pacs", mixinStandardHelpOptions = true,
        description = "Median time to search a PACS for a study and its series (QIDO-RS) and to retrieve a series into "
                + "an empty cache (WADO-RS, every instance checked and filed by its UID).")
final class PacsBenchmark implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private PacsCommand.Connection connection;

    @Option(names = "--study", paramLabel = "UID", required = true)
    private String study;

    @Option(names = "--repeat", defaultValue = "5")
    private int repeat;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DicomWebClient pacs = connection.client();
        double[] search = new double[repeat];
        double[] retrieve = new double[repeat];
        PacsSeries largest = null;
        Path scratch = Files.createTempDirectory("groundwork-pacs-bench");
        try {
            for (int n = -1; n < repeat; n++) { // the first round warms up
                long start = System.nanoTime();
                StudyQuery query = new StudyQuery("", "", "", "", "");
                pacs.searchStudies(query).stream().filter(s -> s.studyUid().equals(study)).findFirst().orElseThrow();
                List<PacsSeries> series = pacs.searchSeries(study);
                long searched = System.nanoTime();
                largest = series.stream().max(java.util.Comparator.comparingInt(PacsSeries::instances)).orElseThrow();
                PacsCache cache = new PacsCache(scratch.resolve("round" + n), PacsCache.DEFAULT_LIMIT);
                pacs.retrieveSeries(largest, cache, LoadMonitor.NONE);
                long retrieved = System.nanoTime();
                if (n >= 0) {
                    search[n] = (searched - start) / 1e6;
                    retrieve[n] = (retrieved - searched) / 1e6;
                }
            }
        } finally {
            org.groundwork.app.cli.StoreBenchmarks.deleteTree(scratch);
        }
        Arrays.sort(search);
        Arrays.sort(retrieve);
        out.printf(Locale.ROOT, "search (studies, then the study's series): median %.1f ms of %d%n", search[repeat / 2], repeat);
        out.printf(Locale.ROOT, "retrieve series %s (%d instances) into an empty cache: median %.1f ms of %d%n",
                largest.seriesUid(), largest.instances(), retrieve[repeat / 2], repeat);
        out.flush();
        return 0;
    }
}
