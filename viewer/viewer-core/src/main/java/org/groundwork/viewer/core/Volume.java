package org.groundwork.viewer.core;

import java.util.List;

/**
 * A 3D image: voxels indexed (i, j, k) = (column, row, slice), 0-based, and the affine taking a voxel
 * index to DICOM patient coordinates (LPS, millimetres).
 *
 * @param nx columns
 * @param ny rows
 * @param nz slices
 * @param data stored values, index = i + nx * (j + ny * k)
 * @param voxelToLps voxel index to patient LPS millimetres
 * @param slope multiplies stored values into real values (e.g. Hounsfield units)
 * @param intercept added after the slope
 * @param info where it came from and how to display it
 * @param warnings what a reader should know before trusting the geometry (missing slices, tilt, ...)
 */
public record Volume(int nx, int ny, int nz, VoxelData data, Affine voxelToLps, double slope, double intercept,
                     VolumeInfo info, List<String> warnings) {
    public Volume {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if ((long) nx * ny * nz != data.length()) {
            throw new IllegalArgumentException("voxel data has " + data.length() + " values for "
                    + nx + "x" + ny + "x" + nz);
        }
        warnings = List.copyOf(warnings);
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** Real value (stored * slope + intercept) at a voxel. */
    public double value(int i, int j, int k) {
        return data.get(index(i, j, k)) * slope + intercept;
    }

    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    /** Voxel spacing in mm along i, j and k. */
    public double[] spacing() {
        return new double[] {voxelToLps.spacing(0), voxelToLps.spacing(1), voxelToLps.spacing(2)};
    }

    public Volume withWarnings(List<String> newWarnings) {
        return new Volume(nx, ny, nz, data, voxelToLps, slope, intercept, info, newWarnings);
    }
}
