package org.groundwork.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.storage.dicomweb.DicomWebClient;
import org.groundwork.storage.dicomweb.PacsCache;
import org.groundwork.storage.dicomweb.PacsException;
import org.groundwork.storage.dicomweb.PacsImport;
import org.groundwork.storage.dicomweb.PacsSeries;
import org.groundwork.storage.dicomweb.PacsServer;
import org.groundwork.storage.dicomweb.PacsStudy;
import org.groundwork.storage.dicomweb.StudyQuery;
import org.groundwork.viewer.core.LoadMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code groundwork pacs}: search a PACS over DICOMweb and import series from it into a project. */
@Command(name = "pacs", mixinStandardHelpOptions = true,
        description = "Search a PACS with QIDO-RS and import series from it with WADO-RS (DICOMweb: Orthanc, dcm4chee "
                + "and most archives). Passwords and tokens are read from a file or an environment variable, never "
                + "from the command line, and never printed.",
        subcommands = {PacsCommand.Search.class, PacsCommand.Import.class})
final class PacsCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the server is and how to sign in. */
    static final class Connection {
        @Parameters(index = "0", paramLabel = "URL", description = "the DICOMweb root, e.g. http://pacs:8042/dicom-web")
        URI url;

        @Option(names = "--user", paramLabel = "NAME", description = "basic authentication: the user; the password "
                + "comes from --password-file or GROUNDWORK_PACS_PASSWORD")
        String user;

        @Option(names = "--password-file", paramLabel = "FILE", description = "a file holding the password")
        Path passwordFile;

        @Option(names = "--token-file", paramLabel = "FILE", description = "bearer authentication: a file holding the "
                + "token (or set GROUNDWORK_PACS_TOKEN)")
        Path tokenFile;

        DicomWebClient client() throws IOException {
            PacsServer.Credentials credentials = new PacsServer.None();
            String token = secret(tokenFile, "GROUNDWORK_PACS_TOKEN");
            if (user != null) {
                String password = secret(passwordFile, "GROUNDWORK_PACS_PASSWORD");
                credentials = new PacsServer.Basic(user, password == null ? "" : password);
            } else if (token != null) {
                credentials = new PacsServer.Bearer(token);
            }
            return new DicomWebClient(new PacsServer(url, credentials));
        }

        private static String secret(Path file, String variable) throws IOException {
            if (file != null) {
                return Files.readString(file).strip();
            }
            String value = System.getenv(variable);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "List the studies that match (and their series with --series). Dates are YYYYMMDD; "
                    + "patient id and accession may use * and ?.")
    static final class Search implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Connection connection;

        @Option(names = "--patient", paramLabel = "ID", defaultValue = "")
        private String patient;

        @Option(names = "--from", paramLabel = "DATE", defaultValue = "")
        private String from;

        @Option(names = "--to", paramLabel = "DATE", defaultValue = "")
        private String to;

        @Option(names = "--modality", paramLabel = "MOD", defaultValue = "")
        private String modality;

        @Option(names = "--accession", paramLabel = "NUMBER", defaultValue = "")
        private String accession;

        @Option(names = "--series", description = "list each study's series too")
        private boolean listSeries;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                DicomWebClient pacs = connection.client();
                List<PacsStudy> studies = pacs.searchStudies(new StudyQuery(patient, from, to, modality, accession));
                out.printf(Locale.ROOT, "%d stud%s on %s%n", studies.size(), studies.size() == 1 ? "y" : "ies", pacs.server());
                for (PacsStudy s : studies) {
                    out.printf(Locale.ROOT, "study %s  patient %s (%s)  date %s  accession %s  %s  %s  %d series, %d instances%n",
                            s.studyUid(), s.patientId(), s.patientName(), s.date(), s.accession(), s.modalities(),
                            s.description(), s.series(), s.instances());
                    if (listSeries) {
                        for (PacsSeries series : pacs.searchSeries(s.studyUid())) {
                            out.printf(Locale.ROOT, "  series %s  #%d %s  %s  %d instances%n", series.seriesUid(),
                                    series.number(), series.modality(), series.description(), series.instances());
                        }
                    }
                }
                return 0;
            } catch (PacsException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Retrieve series into the local PACS cache and import them into a project, one case per "
                    + "series; each case remembers its server, so that where its files are missing they are retrieved "
                    + "again. The project is created (knee protocol) when missing.")
    static final class Import implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "1", paramLabel = "PROJECT", description = "the project folder (made when missing) or "
                + "shared project address")
        private String project;

        @Mixin
        private Connection connection;

        @Option(names = "--study", paramLabel = "UID", required = true, description = "the Study Instance UID")
        private String study;

        @Option(names = "--series", paramLabel = "UID", description = "a Series Instance UID (repeatable); default: "
                + "every series of the study")
        private List<String> seriesUids = new ArrayList<>();

        @Option(names = "--cache", paramLabel = "FOLDER", description = "the PACS cache (default: ~/.cache/groundwork/pacs)")
        private Path cacheFolder;

        @Option(names = "--cache-limit-gb", paramLabel = "GB", defaultValue = "20",
                description = "the cache's size limit (default ${DEFAULT-VALUE})")
        private double cacheLimitGb;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PacsCache cache = new PacsCache(cacheFolder == null ? PacsCache.defaultRoot() : cacheFolder,
                    (long) (cacheLimitGb * (1L << 30)));
            try (ProjectStore store = org.groundwork.storage.PostgresLocation.isLocation(project)
                    ? ProjectStore.open(project, false) : SqliteProjectStore.openOrCreate(Path.of(project))) {
                DicomWebClient pacs = connection.client();
                List<PacsSeries> series = pacs.searchSeries(study).stream()
                        .filter(s -> seriesUids.isEmpty() || seriesUids.contains(s.seriesUid())).toList();
                if (series.isEmpty()) {
                    err.println("error: " + pacs.server() + ": study " + study + " has no "
                            + (seriesUids.isEmpty() ? "series" : "series " + String.join(", ", seriesUids)));
                    return GroundworkCommand.EXIT_BAD_INPUT;
                }
                long start = System.nanoTime();
                PacsImport.Result result = PacsImport.importSeries(store, pacs, cache, series, LoadMonitor.NONE);
                out.printf(Locale.ROOT, "imported %d series from %s as %d new case(s) in %.1f s; %d image(s) were already "
                                + "in the project%n", series.size(), pacs.server(), result.report().newCases(),
                        (System.nanoTime() - start) / 1e9, result.report().alreadyPresent());
                if (!result.evicted().isEmpty()) {
                    out.println("the cache let go of " + result.evicted().size() + " older series to stay within "
                            + cacheLimitGb + " GB");
                }
                return 0;
            } catch (PacsException | ProjectException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return GroundworkCommand.EXIT_BAD_INPUT;
            }
        }
    }
}
