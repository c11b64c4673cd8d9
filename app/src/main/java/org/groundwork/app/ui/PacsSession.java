package org.groundwork.app.ui;

import java.util.Optional;
import org.groundwork.storage.dicomweb.DicomWebClient;
import org.groundwork.storage.dicomweb.PacsCache;

/**
 * The PACS this session has signed in to (credentials in memory only) and the local cache of its
 * series; a case whose PACS images are missing here is retrieved again through it.
 */
final class PacsSession {
    private final PacsCache cache;
    private volatile DicomWebClient client;

    PacsSession(PacsCache cache) {
        this.cache = cache;
    }

    /** The cache under the user's cache folder, unless {@code groundwork.pacs.cache} names another. */
    static PacsSession forUser() {
        return new PacsSession(new PacsCache(PacsCache.defaultRoot(), PacsCache.DEFAULT_LIMIT));
    }

    void connected(DicomWebClient signedIn) {
        client = signedIn;
    }

    Optional<DicomWebClient> client() {
        return Optional.ofNullable(client);
    }

    PacsCache cache() {
        return cache;
    }
}
