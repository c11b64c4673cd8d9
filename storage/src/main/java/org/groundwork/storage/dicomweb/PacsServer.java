package org.groundwork.storage.dicomweb;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A DICOMweb server (a PACS such as Orthanc or dcm4chee): the root of its QIDO-RS and WADO-RS
 * services and how to sign in. Credentials live in memory for the session only; they are never
 * written to a project and never appear in {@link #toString()} or in messages.
 *
 * @param root e.g. {@code http://pacs.example.org/dicom-web}
 */
public record PacsServer(URI root, Credentials credentials) {
    /** How requests are authenticated. */
    public sealed interface Credentials permits None, Basic, Bearer {
    }

    /** No authentication. */
    public record None() implements Credentials {
    }

    /** HTTP basic authentication. */
    public record Basic(String user, String password) implements Credentials {
        @Override
        public String toString() {
            return "Basic[user=" + user + "]";
        }
    }

    /** A bearer token (OAuth 2, as archives behind an identity provider ask for). */
    public record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[…]";
        }
    }

    public PacsServer {
        String text = root.toString();
        root = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (!"http".equals(root.getScheme()) && !"https".equals(root.getScheme())) {
            throw new IllegalArgumentException(text + " is not an http or https address");
        }
    }

    /** The Authorization header value, if any. */
    Optional<String> authorization() {
        if (credentials instanceof Basic b) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (b.user() + ":" + b.password()).getBytes(StandardCharsets.UTF_8)));
        }
        if (credentials instanceof Bearer t) {
            return Optional.of("Bearer " + t.token());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
