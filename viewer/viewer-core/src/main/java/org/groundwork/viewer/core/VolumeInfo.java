package org.groundwork.viewer.core;

/**
 * Descriptive facts about a volume, as far as the source file says them (empty strings otherwise).
 *
 * @param source the file or folder it was read from
 * @param format e.g. "DICOM" or "NIfTI-1"
 * @param encoding transfer syntax or NIfTI datatype, for the user
 * @param studyDate DICOM date (YYYYMMDD) of the study, empty when unknown
 * @param laterality R or L for a paired body part (DICOM Laterality or Image Laterality), empty when unknown
 * @param windowCenter default display window from the file, NaN if none
 * @param windowWidth default display window width, NaN if none
 * @param invertedGrey MONOCHROME1: low values are displayed bright
 */
public record VolumeInfo(String source, String format, String encoding, String modality, String patientId,
                         String patientName, String studyInstanceUid, String seriesInstanceUid,
                         String seriesDescription, String studyDate, String laterality, double windowCenter, double windowWidth,
                         boolean invertedGrey) {
    public static VolumeInfo of(String source, String format, String encoding) {
        return new VolumeInfo(source, format, encoding, "", "", "", "", "", "", "", "", Double.NaN, Double.NaN, false);
    }
}
