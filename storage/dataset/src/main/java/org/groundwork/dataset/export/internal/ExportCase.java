package org.groundwork.dataset.export.internal;

import org.groundwork.annotate.core.project.CaseAnnotations;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.viewer.core.Affine;

/**
 * One case as the export writes it: pseudonymous names, its annotations, and the geometry of its
 * volume once that has been converted.
 */
public final class ExportCase {
    private final CaseRecord record;
    private final String name;
    private final String patient;
    private final CaseAnnotations annotations;
    private final CaseAnnotations readings;
    private String split = "train";
    private Affine voxelToLps;
    private String modality = "";

    /**
     * @param annotations what is exported of the case (all readings, the consensus, or one reader's)
     * @param readings every reading of the case, for the agreement between readers
     */
    public ExportCase(CaseRecord record, String name, String patient, CaseAnnotations annotations,
                      CaseAnnotations readings) {
        this.record = record;
        this.name = name;
        this.patient = patient;
        this.annotations = annotations;
        this.readings = readings;
    }

    public CaseRecord record() {
        return record;
    }

    public String name() {
        return name;
    }

    public String patient() {
        return patient;
    }

    public CaseAnnotations annotations() {
        return annotations;
    }

    public CaseAnnotations readings() {
        return readings;
    }

    public String split() {
        return split;
    }

    public void split(String value) {
        split = value;
    }

    /** Records the converted volume's voxel-to-LPS affine and modality. */
    public void geometry(Affine affine, String imageModality) {
        voxelToLps = affine;
        modality = imageModality;
    }

    public Affine voxelToLps() {
        return voxelToLps;
    }

    public String modality() {
        return modality;
    }

    public String image() {
        return "images/" + name + ".nii.gz";
    }

    public String mask() {
        return "masks/" + name + ".nii.gz";
    }
}
