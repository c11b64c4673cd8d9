package org.groundwork.storage.dicomweb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A real Orthanc with its DICOMweb plugin (Debian's orthanc and orthanc-dicomweb), started for a
 * test in a temporary folder on free ports, with one user, and stopped afterwards.
 */
public final class OrthancServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    public static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    public static final String USER = "reader";
    public static final String PASSWORD = "s3cret-pass";

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.exists(PLUGIN);
    }

    public OrthancServer(Path folder) throws IOException, InterruptedException {
        port = freePort();
        Path storage = Files.createDirectories(folder.resolve("storage"));
        Path config = folder.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "GroundworkTest",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "HttpPort": %d,
                  "DicomPort": %d,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": true,
                  "RegisteredUsers": { "%s": "%s" },
                  "Plugins": ["%s"],
                  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": true }
                }
                """.formatted(storage, storage, port, freePort(), USER, PASSWORD, PLUGIN));
        process = new ProcessBuilder(BINARY.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("orthanc.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                if (get("/system").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                close();
                throw new IOException("Orthanc did not start: " + Files.readString(folder.resolve("orthanc.log")));
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Stores a DICOM file, as a modality or another PACS would send it. */
    public void upload(Path dicom) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                send(dicom);
                return;
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                // Orthanc may close a kept-alive connection just as the next upload reuses it.
            }
        }
    }

    private void send(Path dicom) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/instances")).header("Authorization", basic())
                .POST(HttpRequest.BodyPublishers.ofFile(dicom)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Orthanc refused " + dicom + ": " + response.statusCode() + " " + response.body());
        }
    }

    public URI dicomWebRoot() {
        return URI.create("http://127.0.0.1:" + port + "/dicom-web");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
