package org.groundwork.viewer.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.groundwork.viewer.core.VolumeInfo;
import org.junit.jupiter.api.Test;

class OverlayTextTest {
    private static VolumeInfo dicom(String name, String id, String date, String description) {
        return new VolumeInfo("/data/pacs-export/2026/study 17/series 3", "DICOM", "Explicit VR", "MR", id, name, "1.2",
                "1.2.3", description, date, "", 450, 900, false);
    }

    @Test
    void showsPatientStudyDateAndSeriesAsAPacsViewerDoes() {
        assertEquals(List.of("Phantom, Avery (GWDEMO-001)", "2026-01-05", "Sag 3D DESS WE R"),
                OverlayText.describe(dicom("Phantom^Avery", "GWDEMO-001", "20260105", "Sag 3D DESS WE R"), true));
    }

    @Test
    void leavesOutIdentifyingLinesForScreenSharing() {
        assertEquals(List.of("Sag 3D DESS WE R"),
                OverlayText.describe(dicom("Phantom^Avery", "GWDEMO-001", "20260105", "Sag 3D DESS WE R"), false));
    }

    @Test
    void withoutDescriptionShowsTheFileNameNotItsPath() {
        VolumeInfo nifti = VolumeInfo.of("/home/reader/studies/very/long/folder/knee-17.nii.gz", "NIfTI-1", "int16");
        assertEquals(List.of("knee-17.nii.gz"), OverlayText.describe(nifti, true));
        assertEquals(List.of("series 3"), OverlayText.describe(dicom("", "", "", ""), true));
    }

    @Test
    void personNamesAndDates() {
        assertEquals("Doe, Jane Q", OverlayText.personName("Doe^Jane^Q^Dr^"));
        assertEquals("Anonymous", OverlayText.personName("Anonymous"));
        assertEquals("Jane", OverlayText.personName("^Jane"));
        assertEquals("2026", OverlayText.date("2026"));
    }
}
