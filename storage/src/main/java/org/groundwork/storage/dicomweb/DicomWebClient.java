package org.groundwork.storage.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.dicom.DicomInstance;
import org.groundwork.viewer.core.dicom.DicomReader;
import org.groundwork.viewer.core.dicom.Tag;

/**
 * Searches a PACS with QIDO-RS and retrieves series with WADO-RS (DICOM PS3.18), into a {@link
 * PacsCache}. Every instance is checked on arrival: it must be DICOM that Groundwork can read and its
 * SOP Instance UID names its file, so a series is complete exactly when every UID is there.
 */
public final class DicomWebClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration SEARCH = Duration.ofSeconds(60);

    private final PacsServer server;

    public DicomWebClient(PacsServer server) {
        this.server = server;
    }

    public PacsServer server() {
        return server;
    }

    /** QIDO-RS: the studies matching the query. */
    public List<PacsStudy> searchStudies(StudyQuery query) throws PacsException {
        List<PacsStudy> studies = new ArrayList<>();
        for (JsonNode s : getJson("/studies?" + query.parameters(), "searching studies")) {
            studies.add(new PacsStudy(text(s, "0020000D"), text(s, "00100020"), personName(s, "00100010"),
                    text(s, "00080020"), text(s, "00080050"), text(s, "00081030"), String.join(",", texts(s, "00080061")),
                    number(s, "00201206"), number(s, "00201208")));
        }
        return studies;
    }

    /** QIDO-RS: the series of a study. */
    public List<PacsSeries> searchSeries(String studyUid) throws PacsException {
        List<PacsSeries> series = new ArrayList<>();
        for (JsonNode s : getJson("/studies/" + uid(studyUid) + "/series?includefield=00201209&includefield=0008103E",
                "listing the series of study " + studyUid)) {
            series.add(new PacsSeries(studyUid, text(s, "0020000E"), text(s, "00080060"), number(s, "00200011"),
                    text(s, "0008103E"), number(s, "00201209")));
        }
        series.sort(java.util.Comparator.comparingInt(PacsSeries::number));
        return series;
    }

    /**
     * WADO-RS: every instance of a series into its cache folder, and the series marked as just used.
     * A series the cache already holds complete (as many instances as the search counted) is not
     * retrieved again. Reports progress per instance against the search's count; Cancel stops
     * between instances and leaves what arrived.
     *
     * @return the series folder
     */
    public Path retrieveSeries(PacsSeries series, PacsCache cache, LoadMonitor monitor) throws PacsException {
        Path folder = cache.folderOf(series.seriesUid());
        String what = "series " + series.seriesUid();
        if (series.instances() > 0 && cache.instancesIn(series.seriesUid()) >= series.instances()) {
            try {
                cache.touch(series.seriesUid());
            } catch (IOException e) {
                throw unreachable(e, "marking " + what + " in the cache");
            }
            return folder;
        }
        URI uri = URI.create(server.root() + "/studies/" + uid(series.studyUid()) + "/series/" + uid(series.seriesUid()));
        try {
            Files.createDirectories(folder);
            cache.touch(series.seriesUid());
            java.net.HttpURLConnection connection = open(uri, "multipart/related; type=\"application/dicom\"");
            int status = connection.getResponseCode();
            check(status, "retrieving " + what);
            try (InputStream body = connection.getInputStream()) {
                String type = connection.getContentType() == null ? "" : connection.getContentType();
                MultipartReader parts = new MultipartReader(body, MultipartReader.boundaryOf(type));
                // Each arrived instance is checked and filed on a worker while the next one arrives.
                List<java.util.concurrent.Future<Void>> filing = new ArrayList<>();
                int received = 0;
                try {
                    while (true) {
                        monitor.checkCancelled();
                        Path part = Files.createTempFile(folder, ".arriving", ".part");
                        boolean more;
                        try (OutputStream out = Files.newOutputStream(part)) {
                            more = parts.nextPart(out);
                        }
                        if (!more) {
                            Files.deleteIfExists(part);
                            break;
                        }
                        filing.add(org.groundwork.viewer.core.Workers.io().submit(() -> {
                            keep(part, folder, what);
                            return null;
                        }));
                        received++;
                        monitor.progress(received, Math.max(received, series.instances()),
                                "Retrieving " + series.description());
                    }
                } finally {
                    awaitAll(filing);
                }
                if (received == 0) {
                    throw new PacsException(server + ": " + what + " has no instances");
                }
            }
            return folder;
        } catch (CancellationException e) {
            throw e;
        } catch (IOException e) {
            throw unreachable(e, "retrieving " + what);
        }
    }

    /** Waits for every filing; the first failure is thrown once all have finished. */
    private static void awaitAll(List<java.util.concurrent.Future<Void>> filing) throws PacsException, IOException {
        Exception first = null;
        for (java.util.concurrent.Future<Void> f : filing) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                first = first == null && e.getCause() instanceof Exception cause ? cause : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
        if (first instanceof PacsException p) {
            throw p;
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /** Checks an arrived instance and files it under its SOP Instance UID. */
    private void keep(Path part, Path folder, String what) throws PacsException, IOException {
        String sopUid;
        try {
            DicomInstance instance = DicomReader.builtIn().read(part);
            sopUid = instance.attributes().string(Tag.SOP_INSTANCE_UID);
        } catch (BadInputException e) {
            Files.deleteIfExists(part);
            throw new PacsException(server + ": " + what + " sent an instance Groundwork cannot read ("
                    + e.getMessage().replace(part.toString() + ": ", "") + ")");
        }
        if (sopUid == null || !sopUid.trim().matches("[0-9.]{1,64}")) {
            Files.deleteIfExists(part);
            throw new PacsException(server + ": " + what + " sent an instance without a valid SOP Instance UID");
        }
        Files.move(part, folder.resolve(sopUid.trim() + ".dcm"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private JsonNode getJson(String path, String what) throws PacsException {
        try {
            java.net.HttpURLConnection connection = open(URI.create(server.root() + path), "application/dicom+json");
            int status = connection.getResponseCode();
            if (status == 204) {
                return JSON.createArrayNode(); // no match
            }
            check(status, what);
            JsonNode root;
            try (InputStream body = connection.getInputStream()) {
                root = JSON.readTree(body);
            }
            if (root == null || !root.isArray()) {
                throw new PacsException(server + ": " + what + " did not return a DICOM JSON array");
            }
            return root;
        } catch (IOException e) {
            throw unreachable(e, what);
        }
    }

    /**
     * A GET with the server's sign-in. A blocking connection: it streams large bodies several times
     * faster than {@code java.net.http}'s InputStream handler, and retries a GET whose kept-alive
     * connection the server had closed.
     */
    private java.net.HttpURLConnection open(URI uri, String accept) throws IOException {
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout((int) CONNECT.toMillis());
        connection.setReadTimeout((int) SEARCH.toMillis());
        connection.setRequestProperty("Accept", accept);
        server.authorization().ifPresent(a -> connection.setRequestProperty("Authorization", a));
        return connection;
    }

    private void check(int status, String what) throws PacsException {
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = switch (status) {
            case 401 -> "the server asks to sign in (401): check the user name and password or token";
            case 403 -> "the server refuses this user (403)";
            case 404 -> "not found on the server (404): check the address, which should end with the DICOMweb root";
            default -> "the server answered HTTP " + status;
        };
        throw new PacsException(server + ": " + what + ": " + reason);
    }

    private PacsException unreachable(IOException e, String what) {
        String reason = e instanceof ConnectException ? "cannot connect (is the server running and the address right?)"
                : e instanceof java.net.SocketTimeoutException ? "no answer in time" : e.getMessage();
        return new PacsException(server + ": " + what + ": " + reason, e);
    }

    private static String uid(String uid) {
        if (uid == null || !uid.matches("[0-9.]{1,64}")) {
            throw new IllegalArgumentException("not a DICOM UID: " + uid);
        }
        return uid;
    }

    private static List<String> texts(JsonNode dataset, String tag) {
        List<String> values = new ArrayList<>();
        JsonNode value = dataset.path(tag).path("Value");
        for (JsonNode v : value) {
            values.add(v.isTextual() || v.isNumber() ? v.asText() : "");
        }
        return values;
    }

    private static String text(JsonNode dataset, String tag) {
        List<String> values = texts(dataset, tag);
        return values.isEmpty() ? "" : values.get(0);
    }

    private static String personName(JsonNode dataset, String tag) {
        JsonNode first = dataset.path(tag).path("Value").path(0);
        return first.path("Alphabetic").asText("");
    }

    private static int number(JsonNode dataset, String tag) {
        String t = text(dataset, tag);
        try {
            return t.isEmpty() ? 0 : (int) Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
