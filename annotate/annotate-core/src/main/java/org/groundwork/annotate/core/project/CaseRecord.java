package org.groundwork.annotate.core.project;

/**
 * One case of a project: one volume to annotate (or one study, when the project groups by study).
 *
 * @param id stable database id
 * @param label what the worklist shows (series description, or file name)
 * @param patientKey the patient's identifier as imported (kept inside the project only)
 * @param activeSeconds time users spent on the case while active
 */
public record CaseRecord(long id, String label, String patientKey, String studyUid, String seriesUid,
                         CaseStatus status, String assignee, long activeSeconds) {
}
