package org.groundwork.storage.dicomweb;

/** A study as a QIDO-RS search lists it. Dates as DICOM writes them (YYYYMMDD). */
public record PacsStudy(String studyUid, String patientId, String patientName, String date, String accession,
                        String description, String modalities, int series, int instances) {
}
