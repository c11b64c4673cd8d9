package org.groundwork.app.demo;

import java.util.List;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;

/**
 * A synthetic sagittal knee MR, drawn from simple shapes: femoral condyle and shaft, tibial plateau,
 * patella, a bright cartilage layer on the joint surfaces, menisci, joint fluid in the suprapatellar
 * recess, fat around them, and fixed-seed noise. Not anatomy: enough to try every tool on.
 */
public final class KneePhantom {
    static final int COLUMNS = 160; // anterior to posterior
    static final int ROWS = 160; // superior to inferior
    static final int SLICES = 40; // right to left
    private static final double PIXEL = 0.7;
    private static final double SLICE = 2.5;

    private KneePhantom() {
    }

    /** One knee; {@code variant} shifts the anatomy a little and, when odd, adds a marrow lesion. */
    public static Volume knee(int variant) {
        short[] voxels = new short[COLUMNS * ROWS * SLICES];
        double shift = variant * 3.0;
        long seed = 0x9E3779B97F4A7C15L * (variant + 1);
        for (int k = 0; k < SLICES; k++) {
            double lr = (k - SLICES / 2.0) * SLICE; // mm from the knee's middle
            double width = Math.max(0, 1 - Math.pow(lr / 45, 2)); // the knee narrows towards its sides
            for (int j = 0; j < ROWS; j++) {
                double si = (ROWS / 2.0 - j) * PIXEL; // superior positive
                for (int i = 0; i < COLUMNS; i++) {
                    double ap = (i - COLUMNS / 2.0) * PIXEL + shift; // posterior positive
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    double noise = ((seed >>> 33) % 61) - 30;
                    double value = tissue(ap, si, lr, width, variant) + (width > 0 ? noise : noise / 6);
                    voxels[(k * ROWS + j) * COLUMNS + i] = (short) Math.max(0, Math.min(1000, value));
                }
            }
        }
        // LPS: columns run posterior (+y), rows inferior (-z), slices to the patient's left (+x).
        Affine affine = Affine.of(0, 0, SLICE, -SLICES / 2.0 * SLICE, PIXEL, 0, 0, -COLUMNS / 2.0 * PIXEL,
                0, -PIXEL, 0, ROWS / 2.0 * PIXEL, 0, 0, 0, 1);
        VolumeInfo info = new VolumeInfo("demo knee " + (variant + 1), "NIfTI", "synthetic", "MR", "", "", "", "",
                "Demo knee " + (variant + 1) + " (synthetic)", 450, 900, false);
        return new Volume(COLUMNS, ROWS, SLICES, new VoxelData.Int16(voxels), affine, 1, 0, info, List.of());
    }

    /** Signal at a point (mm: ap posterior-positive, si superior-positive, lr from the middle). */
    private static double tissue(double ap, double si, double lr, double width, int variant) {
        if (width <= 0 || Math.abs(ap) > 48 * Math.sqrt(width) + 6) {
            return 20; // air
        }
        double condyle = Math.hypot(ap - 4, si - 14);
        boolean femur = (condyle < 24 || (si > 14 && Math.abs(ap - 2) < 20)) && si > -8;
        boolean tibia = si < -12 && si > -70 && Math.abs(ap - 2) < 26 - Math.max(0, -si - 30) * 0.2;
        boolean patella = Math.pow((ap + 34) / 7, 2) + Math.pow((si - 20) / 16, 2) < 1;
        double cartilageFemur = condyle - 24;
        if (femur) {
            boolean lesion = variant % 2 == 1 && Math.hypot(ap - 8, si - 2) < 7 && lr < 0 && lr > -25;
            return lesion ? 720 : 380; // marrow; a bone marrow lesion is bright on fluid-sensitive images
        }
        if (cartilageFemur >= 0 && cartilageFemur < 2.5 && si > -10) {
            return 760;
        }
        if (tibia) {
            return 360;
        }
        if (si <= -10 && si > -12.5 && Math.abs(ap - 2) < 25) {
            return 740; // tibial cartilage
        }
        if (patella) {
            return 370;
        }
        if (Math.abs(si + 10) < 3 && Math.abs(Math.abs(ap - 2) - 21) < 5) {
            return 90; // menisci, dark wedges at the joint's front and back
        }
        if (si > 20 && si < 55 && ap > -30 && ap < -14) {
            return 880; // fluid in the suprapatellar recess
        }
        return 560; // fat and soft tissue
    }
}
