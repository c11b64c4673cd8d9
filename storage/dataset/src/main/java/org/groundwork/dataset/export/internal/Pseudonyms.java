package org.groundwork.dataset.export.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonyms for patients, cases and annotators: a keyed hash (HMAC-SHA-256) of the real
 * identifier with the project's own secret. The same project always gives the same pseudonyms, so
 * exports can be compared; without the project the mapping cannot be recovered.
 */
public final class Pseudonyms {
    private final Mac mac;

    public Pseudonyms(String secretHex) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(secretHex), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }

    public String patient(String patientKey) {
        return "P" + hash("patient:" + patientKey);
    }

    public String caseName(long caseId) {
        return "C" + hash("case:" + caseId);
    }

    public String annotator(String user) {
        return "reader-" + hash("user:" + user).substring(0, 6);
    }

    private synchronized String hash(String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
    }
}
