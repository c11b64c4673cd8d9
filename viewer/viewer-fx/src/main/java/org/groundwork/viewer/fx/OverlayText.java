package org.groundwork.viewer.fx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.viewer.core.VolumeInfo;

/**
 * The text in a view's top-left corner, as a PACS viewer shows it: patient (name and ID), study date,
 * then what the series is. Identifying lines can be left out for screen sharing.
 */
final class OverlayText {
    private OverlayText() {
    }

    static List<String> describe(VolumeInfo info, boolean identifying) {
        List<String> lines = new ArrayList<>();
        if (identifying) {
            String name = personName(info.patientName());
            String id = info.patientId();
            String patient = (name + (id.isBlank() ? "" : (name.isBlank() ? "" : " ") + "(" + id + ")")).trim();
            if (!patient.isEmpty()) {
                lines.add(patient);
            }
            if (!info.studyDate().isBlank()) {
                lines.add(date(info.studyDate()));
            }
        }
        String description = info.seriesDescription();
        lines.add(description.isBlank() ? fileName(info.source()) : description);
        return lines;
    }

    /** A DICOM person name (Family^Given^Middle^Prefix^Suffix) as "Family, Given Middle". */
    static String personName(String dicom) {
        String[] parts = dicom.trim().split("\\^", -1);
        String family = parts[0].trim();
        StringBuilder given = new StringBuilder();
        for (int p = 1; p < Math.min(parts.length, 3); p++) {
            if (!parts[p].isBlank()) {
                given.append(given.length() == 0 ? "" : " ").append(parts[p].trim());
            }
        }
        return given.length() == 0 ? family : family.isEmpty() ? given.toString() : family + ", " + given;
    }

    /** A DICOM date (YYYYMMDD) as YYYY-MM-DD; anything else as it is. */
    static String date(String dicom) {
        String d = dicom.trim();
        return d.matches("\\d{8}") ? d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6) : d;
    }

    private static String fileName(String source) {
        try {
            Path name = Path.of(source).getFileName();
            return name == null ? source : name.toString();
        } catch (RuntimeException e) {
            return source; // not a path (a synthetic volume's name)
        }
    }
}
