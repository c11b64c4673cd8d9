#!/usr/bin/env python3
"""Reads an exported dataset with the tools ML teams use and checks what they rely on.

- nibabel loads every .nii.gz; each mask has its image's shape and affine (within 1e-3 mm)
- dataset.json loads with the plain json module and every path in it resolves
- every .mrk.json validates against the ROI schema given (jsonschema)
- coco/annotations.json is structurally sound: unique ids, known images and categories, boxes inside images
- quintuples.jsonl: every line is JSON, its image resolves, its slice-first box lies inside the volume

usage: check_export.py DATASET MARKUPS_SCHEMA
Prints one JSON summary; exits 1 with the first problem found.
"""
import glob
import json
import os
import sys

import jsonschema
import nibabel
import numpy as np

root, schema_path = sys.argv[1], sys.argv[2]
summary = {"nifti": 0, "masks": 0, "datalist_paths": 0, "markups": 0, "coco_annotations": 0, "quintuples": 0}


def fail(message):
    print(json.dumps({"problem": message, **summary}))
    sys.exit(1)


shapes = {}
for path in sorted(glob.glob(os.path.join(root, "images", "*.nii.gz"))):
    img = nibabel.load(path)
    np.asanyarray(img.dataobj)
    shapes[os.path.relpath(path, root)] = (img.shape, img.affine)
    summary["nifti"] += 1
for path in sorted(glob.glob(os.path.join(root, "masks", "*.nii.gz"))):
    mask = nibabel.load(path)
    image = shapes.get(os.path.join("images", os.path.basename(path)))
    if image is None or mask.shape != image[0] or np.abs(mask.affine - image[1]).max() > 1e-3:
        fail(f"{path}: not on its image's grid")
    summary["masks"] += 1

datalist = os.path.join(root, "dataset.json")
if os.path.exists(datalist):
    data = json.load(open(datalist))
    for key in ("training", "validation", "test"):
        for item in data.get(key, []):
            for field in ("image", "label"):
                if field in item:
                    if not os.path.exists(os.path.join(root, item[field])):
                        fail(f"dataset.json: {key} {field} {item[field]} does not resolve")
                    summary["datalist_paths"] += 1
    if data["numTraining"] != len(data["training"]):
        fail("dataset.json: numTraining differs from the training list")

validator = jsonschema.Draft7Validator(json.load(open(schema_path)))
for path in sorted(glob.glob(os.path.join(root, "markups", "*.mrk.json"))):
    errors = list(validator.iter_errors(json.load(open(path))))
    if errors:
        fail(f"{path}: {errors[0].message}")
    summary["markups"] += 1

coco_path = os.path.join(root, "coco", "annotations.json")
if os.path.exists(coco_path):
    coco = json.load(open(coco_path))
    images = {i["id"]: i for i in coco["images"]}
    categories = {c["id"] for c in coco["categories"]}
    if len(images) != len(coco["images"]) or len({a["id"] for a in coco["annotations"]}) != len(coco["annotations"]):
        fail("coco: ids are not unique")
    for a in coco["annotations"]:
        image = images.get(a["image_id"])
        x, y, w, h = a["bbox"]
        if image is None or a["category_id"] not in categories or w <= 0 or h <= 0 \
                or x < 0 or y < 0 or x + w > image["width"] or y + h > image["height"]:
            fail(f"coco: annotation {a['id']} is not sound")
        if not os.path.exists(os.path.join(root, "coco", image["file_name"])):
            fail(f"coco: {image['file_name']} is missing")
        summary["coco_annotations"] += 1

quintuples = os.path.join(root, "quintuples.jsonl")
if os.path.exists(quintuples):
    for line in open(quintuples):
        record = json.loads(line)
        shape = shapes[record["image"]][0]
        if record["box"] is not None:
            s0, s1, x0, x1, y0, y1 = record["box"]["slice_first"]
            if not (0 <= x0 < x1 <= shape[0] and 0 <= y0 < y1 <= shape[1] and 0 <= s0 < s1 <= shape[2]):
                fail(f"{record['id']}: box outside the volume")
        summary["quintuples"] += 1
print(json.dumps(summary))
