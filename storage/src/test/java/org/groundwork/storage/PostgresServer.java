package org.groundwork.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 (Debian's postgresql package): a cluster made by initdb in a temporary
 * folder, started on a free port for a test and removed afterwards. PostgreSQL refuses to run as
 * root, so under root the cluster belongs to the {@code postgres} user. The superuser is
 * {@value #ADMIN}; its password is in {@link #passwordFile()}. It takes plain and TLS connections
 * (a self-signed certificate made by openssl).
 */
public final class PostgresServer implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String ADMIN = "groundwork";
    private static final String PASSWORD = "admin-" + Long.toHexString(System.nanoTime());

    private final Path folder;
    private final Path data;
    private final int port;
    private final boolean asRoot = "root".equals(System.getProperty("user.name"));

    public static boolean installed() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
    }

    public PostgresServer() throws IOException, InterruptedException {
        folder = Files.createTempDirectory("groundwork-pg");
        data = folder.resolve("data");
        port = freePort();
        Path pw = Files.writeString(folder.resolve("admin-password"), PASSWORD);
        Files.writeString(passwordFile(), "127.0.0.1:" + port + ":*:" + ADMIN + ":" + PASSWORD + "\n");
        run("openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=127.0.0.1",
                "-out", folder.resolve("server.crt").toString(), "-keyout", folder.resolve("server.key").toString());
        Files.setPosixFilePermissions(folder.resolve("server.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        if (asRoot) {
            run("chown", "-R", "postgres:postgres", folder.toString());
        }
        run(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN, "--pwfile=" + pw,
                "-A", "scram-sha-256", "-E", "UTF8", "--no-sync");
        start();
    }

    /** Starts the server (again, after {@link #stop}) on the same port and data. */
    public void start() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", folder.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c ssl=on"
                        + " -c ssl_cert_file=" + folder.resolve("server.crt") + " -c ssl_key_file=" + folder.resolve("server.key"),
                "start");
    }

    /** Stops the server as a crash or a cut cable would look to clients: their connections are dropped. */
    public void stop() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    public int port() {
        return port;
    }

    /** A password file with the superuser's password (see {@link PasswordFile}). */
    public Path passwordFile() {
        return folder.resolve("pgpass");
    }

    /** Makes an empty database and returns its address for the superuser. */
    public PostgresLocation createDatabase(String name) throws SQLException {
        try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        }
        return location(name, ADMIN);
    }

    public PostgresLocation location(String database, String user) {
        return PostgresLocation.parse("postgresql://" + user + "@127.0.0.1:" + port + "/" + database);
    }

    /** A superuser connection, for setting up and for checking what the server holds. */
    public Connection admin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, ADMIN, PASSWORD);
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot && command[0].startsWith("/")) { // the server's own programs, not chown or openssl
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + out + log());
        }
    }

    /** What the server has written to its log so far. */
    public String log() {
        try {
            return "\n" + Files.readString(folder.resolve("server.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException alreadyStopped) {
            // stopped by the test
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
