package org.groundwork.dataset.export;

import java.util.Locale;

/**
 * What an export writes besides the volumes (always written as {@code .nii.gz}, since every other
 * format points at them). Each format is versioned by {@link DatasetExporter#FORMAT_VERSION}.
 */
public enum ExportFormat {
    /** 3DReasonKnee-style JSONL, one record per (case, question), with split CSVs. */
    QUINTUPLES,
    /** Label masks beside the volumes: one NIfTI label map per case, one value per region, a label table. */
    NIFTI,
    /** MONAI / Decathlon {@code dataset.json} datalist. */
    MONAI,
    /** 3D Slicer {@code .mrk.json} ROI markups in LPS. */
    SLICER,
    /** COCO JSON for the 2D boxes, with each boxed slice as a PNG. */
    COCO,
    /** LLaVA-style (or Qwen2.5-VL-style) conversation JSON for supervised fine-tuning. */
    SFT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code id} (as on the command line); null when there is none. */
    public static ExportFormat of(String id) {
        for (ExportFormat f : values()) {
            if (f.id().equals(id.toLowerCase(Locale.ROOT).strip())) {
                return f;
            }
        }
        return null;
    }
}
