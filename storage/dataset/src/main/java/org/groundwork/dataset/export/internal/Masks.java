package org.groundwork.dataset.export.internal;

import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;

/** A label map on a volume's grid: each box filled with its region's label, 0 elsewhere. */
public final class Masks {
    private Masks() {
    }

    public static Volume of(Volume image, List<Box> boxes, Protocol protocol) {
        int nx = image.nx();
        int ny = image.ny();
        int nz = image.nz();
        boolean wide = protocol.regions().size() > 255;
        byte[] bytes = wide ? null : new byte[nx * ny * nz];
        short[] shorts = wide ? new short[nx * ny * nz] : null;
        for (Box b : boxes) {
            int label = Interchange.label(protocol, b.regionId());
            int[] min = b.min();
            int[] max = b.max();
            for (int k = min[2]; k < max[2]; k++) {
                for (int j = min[1]; j < max[1]; j++) {
                    for (int i = min[0]; i < max[0]; i++) {
                        int at = image.index(i, j, k);
                        if (wide) {
                            shorts[at] = (short) label;
                        } else {
                            bytes[at] = (byte) label;
                        }
                    }
                }
            }
        }
        VoxelData data = wide ? new VoxelData.UInt16(shorts) : new VoxelData.UInt8(bytes);
        return new Volume(nx, ny, nz, data, image.voxelToLps(), 1, 0, VolumeInfo.of("mask", "NIfTI", "labels"), List.of());
    }
}
