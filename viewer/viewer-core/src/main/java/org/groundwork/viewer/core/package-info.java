/** Volumes with patient geometry, DICOM and NIfTI readers and writers, window/level, resampling and CPU rendering. No JavaFX. */
package org.groundwork.viewer.core;
