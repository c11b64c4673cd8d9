#!/usr/bin/env python3
"""Writes a sagittal MR DICOM series with real anatomy texture, for conformance tests and benchmarks.

The texture is nibabel's bundled anatomical.nii (a real T1 brain, 33x41x25 at 2 mm), resampled
trilinearly to the requested grid, plus a fixed-seed fine-grained pattern so that neighbouring voxels
differ as in a real scan. Written as Explicit VR Little Endian with pydicom; other transfer syntaxes
are made from it with gdcmconv.

usage: make_series.py OUT_DIR COLUMNS ROWS SLICES [--bits 12|8] [--big-endian]
"""
import argparse
import os

import nibabel
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, ExplicitVRBigEndian, generate_uid

TEMPLATE = os.path.join(os.path.dirname(nibabel.__file__), "tests", "data", "anatomical.nii")


def resample(volume, shape):
    """Trilinear resampling of a 3D array to a new shape, corners aligned."""
    coords = [np.linspace(0, s - 1, n) for s, n in zip(volume.shape, shape)]
    out = volume.astype(np.float32)
    for axis, c in enumerate(coords):
        lo = np.floor(c).astype(int)
        hi = np.minimum(lo + 1, volume.shape[axis] - 1)
        w = (c - lo).astype(np.float32)
        a = np.take(out, lo, axis=axis)
        b = np.take(out, hi, axis=axis)
        shape_w = [1] * 3
        shape_w[axis] = len(c)
        w = w.reshape(shape_w)
        out = a * (1 - w) + b * w
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("columns", type=int)
    p.add_argument("rows", type=int)
    p.add_argument("slices", type=int)
    p.add_argument("--bits", type=int, default=12, choices=[8, 12])
    p.add_argument("--big-endian", action="store_true")
    args = p.parse_args()

    anatomy = np.asarray(nibabel.load(TEMPLATE).dataobj, dtype=np.float32)
    # Sagittal slices: slice index runs left-right, rows head-foot, columns front-back.
    grid = resample(anatomy, (args.slices, args.columns, args.rows))  # (x, y, z) of the template
    rng = np.random.default_rng(7)
    grid = grid / max(grid.max(), 1) * 0.85 + rng.random(grid.shape, dtype=np.float32) * 0.15
    top = 255 if args.bits == 8 else 4095
    voxels = np.clip(grid * top, 0, top).astype(np.uint8 if args.bits == 8 else np.uint16)

    os.makedirs(args.out, exist_ok=True)
    study, series = generate_uid(), generate_uid()
    spacing = (0.365, 0.365, 0.7)
    syntax = ExplicitVRBigEndian if args.big_endian else ExplicitVRLittleEndian
    for k in range(args.slices):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.4"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = syntax
        ds = Dataset()
        ds.file_meta = meta
        ds.is_little_endian = not args.big_endian
        ds.is_implicit_VR = False
        ds.SpecificCharacterSet = "ISO_IR 100"
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.Modality = "MR"
        ds.PatientName = "Conformance^Knee"
        ds.PatientID = "CONF001"
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series
        ds.SeriesDescription = "sag DESS (synthetic texture)"
        ds.SeriesNumber = 3
        ds.InstanceNumber = k + 1
        # Row direction anterior->posterior (+y), column direction superior->inferior (-z).
        ds.ImageOrientationPatient = [0, 1, 0, 0, 0, -1]
        ds.ImagePositionPatient = [round(-60 + k * spacing[2], 4), -70.0, 80.0]
        ds.PixelSpacing = [spacing[1], spacing[0]]
        ds.SliceThickness = spacing[2]
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = args.rows
        ds.Columns = args.columns
        ds.BitsAllocated = 8 if args.bits == 8 else 16
        ds.BitsStored = args.bits
        ds.HighBit = args.bits - 1
        ds.PixelRepresentation = 0
        ds.WindowCenter = top // 2
        ds.WindowWidth = top
        # Slice k of a sagittal stack: pixel (row j, column i) = grid[k, i, rows-1-j] (head at the top).
        plane = voxels[k, :, ::-1].T.copy()
        if args.big_endian and plane.dtype == np.uint16:
            plane = plane.byteswap()
        ds.PixelData = plane.tobytes()
        pydicom.dataset.FileDataset  # keep the import used for older pydicom
        ds.save_as(os.path.join(args.out, "IM%04d.dcm" % (k + 1)), write_like_original=False)


if __name__ == "__main__":
    main()
