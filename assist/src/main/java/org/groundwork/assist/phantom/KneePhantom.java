package org.groundwork.assist.phantom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.assist.RegionBox;
import org.groundwork.annotate.core.protocol.Region;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;

/**
 * Procedural knee MRIs with ground truth, for tests, benchmarks and the demo project. Each seed
 * gives one knee ({@link KneeAnatomy}) varied in size, position, a few degrees of rotation, side,
 * effusion, an optional bone marrow lesion and popliteal cyst; imaged as a sagittal DESS-like series
 * with a smooth bias field and noise; with a label map and, for every region of the knee-mri
 * protocol, the box of its mask's extents (as 3DReasonKnee made its boxes from segmentation masks).
 */
public final class KneePhantom {
    /**
     * A sagittal acquisition grid: columns run anterior to posterior, rows superior to inferior,
     * slices from the patient's left to right; spacing in millimetres.
     */
    public record Grid(int columns, int rows, int slices, double columnSpacing, double rowSpacing, double sliceSpacing) {
        /** The 3DReasonKnee-like grid: 384 x 384 x 160 at 0.365 x 0.365 x 0.7 mm. */
        public static final Grid REALISTIC = new Grid(384, 384, 160, 0.365, 0.365, 0.7);

        /** The same field of view as {@link #REALISTIC} on a coarser grid, for tests. */
        public static Grid coarse(int columns, int rows, int slices) {
            return new Grid(columns, rows, slices, REALISTIC.fieldOfView(0) / columns, REALISTIC.fieldOfView(1) / rows,
                    REALISTIC.fieldOfView(2) / slices);
        }

        double fieldOfView(int axis) {
            return axis == 0 ? columns * columnSpacing : axis == 1 ? rows * rowSpacing : slices * sliceSpacing;
        }
    }

    /** What was planted in a knee, for reasoning steps and grades that match the image. */
    public record Findings(boolean rightKnee, double scale, int effusionGrade, String lesionRegion, int lesionSizeGrade,
                           boolean poplitealCyst) {
    }

    /**
     * One generated knee.
     *
     * @param labels one label per voxel (same indexing as the volume); see {@link #labelRegions()}
     * @param boxes ground-truth box per protocol region, in protocol order
     */
    public record Knee(Volume volume, byte[] labels, Findings findings, Map<String, RegionBox> boxes) {
        /** The region each label value stands for: index 0 is outside the knee, 1 the knee itself. */
        public static List<String> labelRegions() {
            return KneeAnatomy.LABEL_REGIONS;
        }

        /** This knee as a case a reader boxed exactly as the phantom says: to train and judge models on. */
        public org.groundwork.assist.TrainingCase asTrainingCase() {
            return new org.groundwork.assist.TrainingCase() {
                @Override
                public String patientKey() {
                    return volume.info().source();
                }

                @Override
                public Volume volume() {
                    return volume;
                }

                @Override
                public List<RegionBox> boxes() {
                    return List.copyOf(boxes.values());
                }
            };
        }
    }

    private static final String[] LESION_SITES = {"femur-medial-central", "femur-lateral-central",
        "tibia-medial-central", "tibia-lateral-central", "patella-lateral", "femur-medial-posterior"};
    private static final double[][] LESION_CENTRES = {{-20, -5, 8}, {20, -5, 8}, {-20, -2, -9}, {20, -2, -9},
        {9, 34, 28}, {-20, -20, 14}};

    private KneePhantom() {
    }

    /** The knee for {@code seed} on {@code grid}; the same seed and grid always give the same knee. */
    public static Knee generate(long seed, Grid grid, Protocol protocol) {
        Random random = new Random(mix(seed)); // neighbouring seeds give correlated first draws otherwise
        boolean right = random.nextBoolean();
        double scale = 0.9 + 0.2 * random.nextDouble();
        double[] angles = {rad(random, 4), rad(random, 4), rad(random, 4)};
        double[] shift = {offset(random, 5), offset(random, 6), offset(random, 6)};
        int effusion = random.nextInt(4);
        int lesionSize = random.nextDouble() < 0.6 ? 1 + random.nextInt(3) : 0;
        int site = random.nextInt(LESION_SITES.length);
        boolean cyst = random.nextDouble() < 0.4;
        KneeAnatomy anatomy = new KneeAnatomy(new KneeAnatomy.Variation(effusion,
                lesionSize > 0 ? LESION_SITES[site] : null, 2.5 + 2.5 * lesionSize,
                lesionSize > 0 ? LESION_CENTRES[site] : null, cyst ? 1.0 : 0.3));

        // Knee frame (u lateral, v anterior, w superior) to LPS: lateral is the patient's right in a right knee.
        double[][] toLps = multiply(rotation(angles), new double[][] {{right ? -scale : scale, 0, 0}, {0, -scale, 0},
            {0, 0, scale}});
        double[][] toKnee = invert(toLps);
        // Slices run from the patient's left to right, along the row x column normal, as DICOM readers order them.
        Affine voxelToLps = Affine.of(0, 0, -grid.sliceSpacing(), grid.fieldOfView(2) / 2,
                grid.columnSpacing(), 0, 0, -grid.fieldOfView(0) / 2,
                0, -grid.rowSpacing(), 0, grid.fieldOfView(1) / 2,
                0, 0, 0, 1);

        int nx = grid.columns(), ny = grid.rows(), nz = grid.slices();
        short[] voxels = new short[nx * ny * nz];
        byte[] labels = new byte[voxels.length];
        IntStream.range(0, nz).parallel().forEach(k -> {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double[] lps = voxelToLps.apply(i, j, k);
                    double x = lps[0] - shift[0], y = lps[1] - shift[1], z = lps[2] - shift[2];
                    double u = toKnee[0][0] * x + toKnee[0][1] * y + toKnee[0][2] * z;
                    double v = toKnee[1][0] * x + toKnee[1][1] * y + toKnee[1][2] * z;
                    double w = toKnee[2][0] * x + toKnee[2][1] * y + toKnee[2][2] * z;
                    int packed = anatomy.classify(u, v, w);
                    int index = i + nx * (j + ny * k);
                    labels[index] = (byte) KneeAnatomy.label(packed);
                    voxels[index] = (short) signal(KneeAnatomy.tissue(packed), u, v, w, seed, index);
                }
            }
        });
        String name = "Knee phantom " + seed;
        VolumeInfo info = new VolumeInfo(name, "synthetic", "knee phantom", "MR", "", "", "", "",
                "Sag 3D DESS WE (" + (right ? "right" : "left") + " knee phantom)", "", right ? "R" : "L", 450, 900, false);
        Volume volume = new Volume(nx, ny, nz, new VoxelData.Int16(voxels), voxelToLps, 1, 0, info, List.of());
        Findings findings = new Findings(right, scale, effusion, lesionSize > 0 ? LESION_SITES[site] : null, lesionSize,
                cyst);
        return new Knee(volume, labels, findings, boxes(labels, nx, ny, protocol));
    }

    /** Signal with a smooth receive-coil bias (brighter anteriorly), a little marrow texture and noise. */
    private static double signal(KneeAnatomy.Tissue tissue, double u, double v, double w, long seed, int index) {
        double bias = 0.78 + 0.34 * Math.exp(-(sq(v - 30) + sq(w) + sq(u * 0.6)) / (2 * 55 * 55));
        double base = tissue.signal;
        if (tissue == KneeAnatomy.Tissue.MARROW) {
            base *= 1 + 0.08 * Math.sin(u * 1.7) * Math.sin(v * 1.3) * Math.sin(w * 1.9);
        }
        double noise = tissue == KneeAnatomy.Tissue.AIR ? 6 : 16;
        return Math.max(0, Math.min(1200, base * bias + noise * gaussian(seed, index)));
    }

    /** Ground truth: each label's extents, then each protocol region as the union over its own and its descendants' labels. */
    private static Map<String, RegionBox> boxes(byte[] labels, int nx, int ny, Protocol protocol) {
        List<String> regions = KneeAnatomy.LABEL_REGIONS;
        int[][] extents = new int[regions.size()][];
        for (int index = 0; index < labels.length; index++) {
            int label = labels[index];
            if (label <= 0) {
                continue;
            }
            int i = index % nx, j = (index / nx) % ny, k = index / (nx * ny);
            int[] e = extents[label];
            if (e == null) {
                extents[label] = new int[] {i, j, k, i + 1, j + 1, k + 1};
            } else {
                e[0] = Math.min(e[0], i); e[1] = Math.min(e[1], j); e[2] = Math.min(e[2], k);
                e[3] = Math.max(e[3], i + 1); e[4] = Math.max(e[4], j + 1); e[5] = Math.max(e[5], k + 1);
            }
        }
        Map<String, RegionBox> boxes = new LinkedHashMap<>();
        for (Region region : protocol.regions()) {
            int[] union = null;
            for (int label = 1; label < regions.size(); label++) {
                if (extents[label] != null && covers(protocol, region.id(), regions.get(label))) {
                    union = union == null ? extents[label].clone() : merge(union, extents[label]);
                }
            }
            if (union != null) {
                boxes.put(region.id(), new RegionBox(region.id(), new int[] {union[0], union[1], union[2]},
                        new int[] {union[3], union[4], union[5]}));
            }
        }
        return boxes;
    }

    /**
     * Whether a label's region lies in {@code regionId}: itself, a descendant, or, for the whole joint
     * space, either meniscus (their extents span both tibiofemoral compartments at the joint line).
     */
    private static boolean covers(Protocol protocol, String regionId, String labelRegion) {
        boolean meniscal = labelRegion.contains("menisc");
        return within(protocol, regionId, labelRegion) || (meniscal && within(protocol, regionId, "joint-space"));
    }

    private static boolean within(Protocol protocol, String regionId, String descendant) {
        for (String r = descendant; r != null; r = protocol.region(r).map(Region::parent).orElse(null)) {
            if (r.equals(regionId)) {
                return true;
            }
        }
        return false;
    }

    private static int[] merge(int[] a, int[] b) {
        return new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2]),
            Math.max(a[3], b[3]), Math.max(a[4], b[4]), Math.max(a[5], b[5])};
    }

    /** A standard normal variate from a hash of (seed, index): the same every run, whatever the thread order. */
    private static double gaussian(long seed, int index) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + index);
        double u1 = ((h >>> 11) + 1) * 0x1.0p-53;
        double u2 = (mix(h) >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double rad(Random random, double maxDegrees) {
        return Math.toRadians((2 * random.nextDouble() - 1) * maxDegrees);
    }

    private static double offset(Random random, double max) {
        return (2 * random.nextDouble() - 1) * max;
    }

    private static double[][] rotation(double[] a) {
        double cx = Math.cos(a[0]), sx = Math.sin(a[0]), cy = Math.cos(a[1]), sy = Math.sin(a[1]);
        double cz = Math.cos(a[2]), sz = Math.sin(a[2]);
        double[][] rx = {{1, 0, 0}, {0, cx, -sx}, {0, sx, cx}};
        double[][] ry = {{cy, 0, sy}, {0, 1, 0}, {-sy, 0, cy}};
        double[][] rz = {{cz, -sz, 0}, {sz, cz, 0}, {0, 0, 1}};
        return multiply(rz, multiply(ry, rx));
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 3; col++) {
                c[r][col] = a[r][0] * b[0][col] + a[r][1] * b[1][col] + a[r][2] * b[2][col];
            }
        }
        return c;
    }

    /** Inverse of a rotation times a diagonal scale (and mirror): the transpose with each row divided by the scale squared. */
    private static double[][] invert(double[][] m) {
        double[][] t = new double[3][3];
        for (int r = 0; r < 3; r++) {
            double norm2 = sq(m[0][r]) + sq(m[1][r]) + sq(m[2][r]);
            for (int c = 0; c < 3; c++) {
                t[r][c] = m[c][r] / norm2;
            }
        }
        return t;
    }

    private static double sq(double x) {
        return x * x;
    }
}
