package org.groundwork.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Passwords for servers, in PostgreSQL's password-file format ({@code ~/.pgpass}, or the file that
 * {@code PGPASSFILE} names): lines of {@code host:port:database:user:password}, {@code *} matching
 * anything, {@code \} escaping ':' and '\'. The first matching line wins. The password stays in
 * memory, is handed to the driver and is never written or shown.
 */
public final class PasswordFile {
    private PasswordFile() {
    }

    /** The password file in use: the system property {@code groundwork.pgpass}, else PGPASSFILE, else ~/.pgpass. */
    public static Path location() {
        String configured = System.getProperty("groundwork.pgpass", System.getenv("PGPASSFILE"));
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".pgpass");
    }

    /** The password for this location in {@code file}; empty when the file or a matching line is absent. */
    public static Optional<String> password(Path file, PostgresLocation at) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() == 5 && matches(f.get(0), at.host()) && matches(f.get(1), String.valueOf(at.port()))
                    && matches(f.get(2), at.database()) && matches(f.get(3), at.user())) {
                return Optional.of(f.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value)
                || (pattern.equals("localhost") && (value.equals("127.0.0.1") || value.equals("::1")));
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (ch == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
