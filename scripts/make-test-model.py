#!/usr/bin/python3
"""Makes the small TorchScript models that Groundwork's tests load as "bring your own model".

A tiny 3D segmentation network (three convolutions) learns femur, tibia and patella on phantom
knees written by `./groundwork phantom --out DIR --count 24 --grid 64,64,32`, then is saved with
torch.jit.save beside a descriptor Groundwork reads. Also writes `pickle.pt` (torch.save of the
weights), which Groundwork must refuse as "not TorchScript", and a second model whose output kind is
"boxes": the extent of the knee (voxels above a tenth of the bright end), as one box, computed in
TorchScript without training, and a model whose every score is NaN (Groundwork must refuse its output).

Usage: /usr/bin/python3 scripts/make-test-model.py PHANTOM_DIR OUT_DIR (the extent model goes beside OUT_DIR)
Needs Debian's python3-torch and python3-nibabel. Deterministic: fixed seeds, CPU.
"""
import hashlib
import json
import pathlib
import sys

import nibabel
import numpy as np
import torch

CLASSES = ["background", "femur", "tibia", "patella"]
PATCH = 32  # training crops; the network is fully convolutional


def load(phantoms):
    table = json.loads((phantoms / "labels.json").read_text())
    to_class = np.zeros(256, dtype=np.int64)
    for value, region in table.items():
        for c, name in enumerate(CLASSES[1:], start=1):
            if region == name or region.startswith(name + "-"):  # "patellar-tendon" is not the patella
                to_class[int(value)] = c
    images, labels, spacing = [], [], None
    for image in sorted(phantoms.glob("knee-????.nii.gz")):
        nifti = nibabel.load(str(image))
        spacing = [float(s) for s in nifti.header.get_zooms()[:3]]
        voxels = np.asanyarray(nifti.dataobj).astype(np.float32)
        images.append(voxels / np.percentile(voxels, 99.5))
        mask = np.asanyarray(nibabel.load(str(image).replace(".nii.gz", "-labels.nii.gz")).dataobj).astype(np.int64)
        labels.append(to_class[mask])
    return images, labels, spacing


class Net(torch.nn.Module):
    """A small U-shaped network: fine features, features at a quarter of the resolution for context, joined."""

    def __init__(self):
        super().__init__()
        self.fine = torch.nn.Sequential(torch.nn.Conv3d(1, 8, 3, padding=1), torch.nn.ReLU())
        self.coarse = torch.nn.Sequential(
            torch.nn.MaxPool3d(2), torch.nn.Conv3d(8, 16, 3, padding=1), torch.nn.ReLU(),
            torch.nn.MaxPool3d(2), torch.nn.Conv3d(16, 16, 3, padding=2, dilation=2), torch.nn.ReLU(),
            torch.nn.Upsample(scale_factor=4.0, mode="nearest"))
        self.head = torch.nn.Sequential(torch.nn.Conv3d(24, 16, 3, padding=1), torch.nn.ReLU(),
                                        torch.nn.Conv3d(16, len(CLASSES), 1))

    def forward(self, x):
        fine = self.fine(x)
        return self.head(torch.cat([fine, self.coarse(fine)], 1))


class Extent(torch.nn.Module):
    """Boxes straight from the model: the extent of the bright voxels, rows [min i, j, k, max i, j, k]."""

    def forward(self, x):
        inside = torch.nonzero(x[0, 0] > 0.1)
        low = inside.min(0).values
        high = inside.max(0).values + 1
        return torch.cat([low, high]).float().reshape(1, 1, 6)


def save_model(out, module, name, spacing, output, licence="CC0-1.0; made by scripts/make-test-model.py"):
    """Writes a model folder as Groundwork reads it: the scripted module and its descriptor."""
    out.mkdir(parents=True, exist_ok=True)
    torch.jit.script(module).save(str(out / "model.pt"))
    descriptor = {
        "format": "groundwork-torchscript/1",
        "name": name,
        "file": "model.pt",
        "sha256": hashlib.sha256((out / "model.pt").read_bytes()).hexdigest(),
        "licence": licence,
        "input": {
            "axes": "ijk",
            "spacing_mm": spacing,
            "patch": [64, 64, 32],  # inference windows: the whole phantom grid, so the network sees the knee
            "normalisation": "percentile-99.5",
        },
        "output": output,
    }
    (out / "descriptor.json").write_text(json.dumps(descriptor, indent=2) + "\n")


def labelmap():
    """The output of a network that scores every voxel for each knee class."""
    return {"kind": "labelmap", "labels": {str(c): name for c, name in enumerate(CLASSES) if c > 0}}


def write_extent_model(out, spacing):
    save_model(out, Extent(), "knee-extent-test", spacing, {"kind": "boxes", "labels": {"1": "knee"}})


class NotANumber(torch.nn.Module):
    """Every score NaN, four channels: what Groundwork must never turn into boxes."""

    def forward(self, x):
        return x.repeat(1, 4, 1, 1, 1) * float("nan")


def write_nan_model(out, spacing):
    save_model(out, NotANumber(), "nan-test", spacing, labelmap())


def main():
    phantoms, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    torch.manual_seed(7)
    rng = np.random.default_rng(7)
    images, labels, spacing = load(phantoms)
    net = Net()
    optimiser = torch.optim.Adam(net.parameters(), lr=0.01)
    weights = torch.tensor([0.2, 1.0, 1.0, 2.0])
    for step in range(300):
        batch_x, batch_y = [], []
        for _ in range(4):
            n = rng.integers(len(images) - 4)  # the last four are held out
            shape = images[n].shape
            at = [rng.integers(0, max(1, shape[a] - PATCH + 1)) for a in range(3)]
            window = tuple(slice(at[a], at[a] + PATCH) for a in range(3))
            batch_x.append(images[n][window][None])
            batch_y.append(labels[n][window])
        x = torch.from_numpy(np.stack(batch_x))
        y = torch.from_numpy(np.stack(batch_y))
        loss = torch.nn.functional.cross_entropy(net(x), y, weight=weights)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step % 50 == 0:
            print(f"step {step}: loss {loss.item():.4f}")
    net.eval()
    with torch.no_grad():
        for n in range(len(images) - 4, len(images)):
            predicted = net(torch.from_numpy(images[n][None, None])).argmax(1)[0].numpy()
            for c in range(1, len(CLASSES)):
                both = np.logical_and(predicted == c, labels[n] == c).sum()
                either = np.logical_or(predicted == c, labels[n] == c).sum()
                print(f"held-out knee {n + 1}: {CLASSES[c]} Dice-like IoU {both / max(1, either):.3f}")
    save_model(out, net, "knee-bones-test", spacing, labelmap(),
               licence="CC0-1.0; made by scripts/make-test-model.py from Groundwork's phantom knees")
    torch.save(net.state_dict(), str(out / "pickle.pt"))
    print("wrote", out / "model.pt", (out / "model.pt").stat().st_size, "bytes")
    write_extent_model(out.parent / "knee-extent-test", spacing)
    write_nan_model(out.parent / "nan-test", spacing)


if __name__ == "__main__":
    main()
