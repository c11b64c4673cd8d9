package org.groundwork.viewer.core.dicom.internal;

import java.util.Map;
import org.groundwork.viewer.core.dicom.Tag;

/**
 * VRs of the attributes Groundwork reads, for data sets in Implicit VR, where the file does not say
 * them. Everything else is read as UN; sequences are also recognised by their first item tag.
 */
final class ImplicitVrDictionary {
    private ImplicitVrDictionary() {
    }

    private static final Map<Integer, String> VR = Map.ofEntries(
            Map.entry(Tag.FILE_META_INFORMATION_GROUP_LENGTH, "UL"),
            Map.entry(Tag.MEDIA_STORAGE_SOP_CLASS_UID, "UI"),
            Map.entry(Tag.TRANSFER_SYNTAX_UID, "UI"),
            Map.entry(Tag.DIRECTORY_RECORD_SEQUENCE, "SQ"),
            Map.entry(Tag.REFERENCED_FILE_ID, "CS"),
            Map.entry(Tag.SPECIFIC_CHARACTER_SET, "CS"),
            Map.entry(Tag.IMAGE_TYPE, "CS"),
            Map.entry(Tag.SOP_CLASS_UID, "UI"),
            Map.entry(Tag.SOP_INSTANCE_UID, "UI"),
            Map.entry(Tag.STUDY_DATE, "DA"),
            Map.entry(Tag.MODALITY, "CS"),
            Map.entry(Tag.SERIES_DESCRIPTION, "LO"),
            Map.entry(Tag.PATIENT_NAME, "PN"),
            Map.entry(Tag.PATIENT_ID, "LO"),
            Map.entry(Tag.SLICE_THICKNESS, "DS"),
            Map.entry(Tag.SPACING_BETWEEN_SLICES, "DS"),
            Map.entry(Tag.GANTRY_DETECTOR_TILT, "DS"),
            Map.entry(Tag.ECHO_NUMBERS, "IS"),
            Map.entry(Tag.STUDY_INSTANCE_UID, "UI"),
            Map.entry(Tag.SERIES_INSTANCE_UID, "UI"),
            Map.entry(Tag.SERIES_NUMBER, "IS"),
            Map.entry(Tag.ACQUISITION_NUMBER, "IS"),
            Map.entry(Tag.INSTANCE_NUMBER, "IS"),
            Map.entry(Tag.IMAGE_POSITION_PATIENT, "DS"),
            Map.entry(Tag.IMAGE_ORIENTATION_PATIENT, "DS"),
            Map.entry(Tag.TEMPORAL_POSITION_IDENTIFIER, "IS"),
            Map.entry(Tag.PLANE_POSITION_SEQUENCE, "SQ"),
            Map.entry(Tag.PLANE_ORIENTATION_SEQUENCE, "SQ"),
            Map.entry(Tag.SAMPLES_PER_PIXEL, "US"),
            Map.entry(Tag.PHOTOMETRIC_INTERPRETATION, "CS"),
            Map.entry(Tag.PLANAR_CONFIGURATION, "US"),
            Map.entry(Tag.NUMBER_OF_FRAMES, "IS"),
            Map.entry(Tag.ROWS, "US"),
            Map.entry(Tag.COLUMNS, "US"),
            Map.entry(Tag.PIXEL_SPACING, "DS"),
            Map.entry(Tag.BITS_ALLOCATED, "US"),
            Map.entry(Tag.BITS_STORED, "US"),
            Map.entry(Tag.HIGH_BIT, "US"),
            Map.entry(Tag.PIXEL_REPRESENTATION, "US"),
            Map.entry(Tag.WINDOW_CENTER, "DS"),
            Map.entry(Tag.WINDOW_WIDTH, "DS"),
            Map.entry(Tag.RESCALE_INTERCEPT, "DS"),
            Map.entry(Tag.RESCALE_SLOPE, "DS"),
            Map.entry(Tag.PIXEL_MEASURES_SEQUENCE, "SQ"),
            Map.entry(Tag.FRAME_VOI_LUT_SEQUENCE, "SQ"),
            Map.entry(Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, "SQ"),
            Map.entry(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, "SQ"),
            Map.entry(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, "SQ"),
            Map.entry(Tag.FLOAT_PIXEL_DATA, "OF"),
            Map.entry(Tag.DOUBLE_FLOAT_PIXEL_DATA, "OD"),
            Map.entry(Tag.PIXEL_DATA, "OW"));

    static String vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) {
            return "UL"; // group lengths
        }
        return VR.getOrDefault(tag, "UN");
    }
}
