package org.groundwork.assist;

import java.util.List;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.Volume;

/** One annotated case as a model learns from it: its volume, loaded when asked, and its readers' boxes. */
public interface TrainingCase {
    /** The patient, so that held-out cases are split by patient. */
    String patientKey();

    Volume volume() throws BadInputException;

    List<RegionBox> boxes();
}
