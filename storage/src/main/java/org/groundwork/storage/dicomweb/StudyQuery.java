package org.groundwork.storage.dicomweb;

/**
 * What to search for; empty fields match anything. Dates are YYYYMMDD; a range may be open at
 * either end. The patient id and accession may use * and ? wildcards, as QIDO-RS allows.
 */
public record StudyQuery(String patientId, String fromDate, String toDate, String modality, String accession) {
    public static final StudyQuery ALL = new StudyQuery("", "", "", "", "");

    /** The QIDO-RS query string (without "?"). */
    String parameters() {
        StringBuilder q = new StringBuilder("includefield=00081030&includefield=00080061&includefield=00201206"
                + "&includefield=00201208");
        add(q, "PatientID", patientId);
        String from = blank(fromDate) ? "" : fromDate.trim();
        String to = blank(toDate) ? "" : toDate.trim();
        if (!from.isEmpty() || !to.isEmpty()) {
            add(q, "StudyDate", from.equals(to) ? from : from + "-" + to);
        }
        add(q, "ModalitiesInStudy", modality);
        add(q, "AccessionNumber", accession);
        return q.toString();
    }

    private static void add(StringBuilder q, String key, String value) {
        if (!blank(value)) {
            q.append('&').append(key).append('=')
                    .append(java.net.URLEncoder.encode(value.trim(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
