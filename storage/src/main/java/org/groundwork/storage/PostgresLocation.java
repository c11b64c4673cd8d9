package org.groundwork.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.TreeMap;
import org.groundwork.annotate.core.project.ProjectException;

/**
 * Where a shared project lives: {@code postgresql://user@host:port/database?sslmode=require}. The
 * password is never part of it; it comes from a password file ({@link PasswordFile}).
 */
public record PostgresLocation(String host, int port, String database, String user, Map<String, String> options) {
    public static final String SCHEME = "postgresql";

    public PostgresLocation {
        options = Map.copyOf(options);
    }

    /** Whether a project argument names a server rather than a folder. */
    public static boolean isLocation(String text) {
        return text.startsWith(SCHEME + "://") || text.startsWith("postgres://");
    }

    /**
     * As {@link #parse(String)}, a malformed address refused as a {@link ProjectException} named
     * {@code what} (not by the address, which may hold a password).
     */
    public static PostgresLocation parse(String text, String what) throws ProjectException {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProjectException(what, e.getMessage(), e);
        }
    }

    public static PostgresLocation parse(String text) throws IllegalArgumentException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL address: " + e.getMessage());
        }
        if (!isLocation(text) || uri.getHost() == null) {
            throw new IllegalArgumentException("a shared project is written postgresql://user@host:port/database");
        }
        String userInfo = uri.getUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("the address holds a password; keep it in ~/.pgpass instead, "
                    + "so it is never shown or stored in the project list");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw new IllegalArgumentException("the address names no database: " + SCHEME + "://host/database");
        }
        Map<String, String> options = new TreeMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    options.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        String user = userInfo != null ? userInfo : System.getProperty("user.name");
        return new PostgresLocation(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, options);
    }

    /** The JDBC address with the options (TLS among them), without user or password. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://" + host + ":" + port + "/" + database);
        char sep = '?';
        for (Map.Entry<String, String> e : new TreeMap<>(options).entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = '&';
        }
        return url.toString();
    }

    /** The server and database as one file name: {@code host_port_database}, odd characters as '_'. */
    public String fileName() {
        return safe(host + "_" + port + "_" + database);
    }

    static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String toString() {
        return SCHEME + "://" + user + "@" + host + ":" + port + "/" + database;
    }
}
