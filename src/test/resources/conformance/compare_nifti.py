#!/usr/bin/env python3
"""Compares two NIfTI files the way a user of both would: in the same (canonical RAS) orientation.

Prints one JSON object: shapes, the largest affine difference in mm, the largest voxel difference,
and whether nibabel could read both. Exit status 0 when both were read.

usage: compare_nifti.py OURS REFERENCE
"""
import json
import sys

import nibabel
import numpy as np


def main():
    ours = nibabel.as_closest_canonical(nibabel.load(sys.argv[1]))
    ref = nibabel.as_closest_canonical(nibabel.load(sys.argv[2]))
    a = np.asanyarray(ours.dataobj).astype(np.float64).squeeze()
    b = np.asanyarray(ref.dataobj).astype(np.float64).squeeze()
    result = {
        "ours_shape": list(a.shape),
        "reference_shape": list(b.shape),
        "ours_dtype": str(ours.get_data_dtype()),
        "max_affine_difference_mm": float(np.abs(ours.affine - ref.affine).max()),
        "max_voxel_difference": float(np.abs(a - b).max()) if a.shape == b.shape else None,
        "ours_affine": ours.affine.tolist(),
        "reference_affine": ref.affine.tolist(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
