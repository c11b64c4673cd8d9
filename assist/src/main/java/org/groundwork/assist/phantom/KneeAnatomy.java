package org.groundwork.assist.phantom;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of one synthetic knee in its own frame, in millimetres: {@code u} towards the lateral
 * side, {@code v} anterior, {@code w} superior, the tibiofemoral joint line at {@code w = 0}. Each
 * point is one tissue (which sets its signal) and at most one label (which says which knee-mri
 * protocol region it belongs to). Bone subregions follow MOAKS: medial/lateral, and trochlea,
 * central and posterior for the femur, anterior, central and posterior for the tibia.
 */
final class KneeAnatomy {
    /** Signal of each tissue on a water-excitation DESS-like image, before bias field and noise. */
    enum Tissue {
        AIR(0), SKIN(300), FAT(45), MUSCLE(240), MARROW(150), CORTEX(15), LESION(560), CARTILAGE(640), FLUID(920),
        FIBROUS(25);

        final double signal;

        Tissue(double signal) {
            this.signal = signal;
        }
    }

    /** Label 0 is outside the knee; label 1 is inside it but in no finer region. */
    static final List<String> LABEL_REGIONS;
    static final int OUTSIDE = 0;
    static final int KNEE = 1;
    private static final int PATELLA_MEDIAL = 2;
    private static final int PATELLA_LATERAL = 3;
    private static final int PATELLA_SUPERIOR = 4;
    private static final int PATELLA_INFERIOR = 5;
    private static final int FEMUR = 6;
    private static final int FEMUR_SUBREGIONS = 7; // 4 zones x medial/lateral, from here
    private static final int TIBIA = 15;
    private static final int TIBIA_SUBREGIONS = 16; // 3 zones x medial/lateral, then subspinous, then margins
    private static final int TIBIA_SUBSPINOUS = 22;
    private static final int TIBIA_MARGIN = 23; // medial, lateral
    private static final int MENISCUS = 25; // 4 parts x medial/lateral
    private static final int HOFFA = 33;
    private static final int EFFUSION = 34;
    private static final int ACL = 35;
    private static final int PCL = 36;
    private static final int PATELLAR_TENDON = 37;
    private static final int ITB = 38;
    private static final int PES_ANSERINE = 39;
    private static final int POPLITEAL = 40;
    private static final int INFRAPATELLAR = 41;
    private static final int PREPATELLAR = 42;
    private static final int GANGLION = 43;

    static {
        List<String> l = new ArrayList<>();
        l.add(null);
        l.add("knee");
        l.addAll(List.of("patella-medial", "patella-lateral", "patella-superior", "patella-inferior"));
        l.add("femur");
        for (String zone : List.of("trochlea", "anterior", "central", "posterior")) {
            l.add("femur-medial-" + zone);
            l.add("femur-lateral-" + zone);
        }
        l.add("tibia");
        for (String zone : List.of("anterior", "central", "posterior")) {
            l.add("tibia-medial-" + zone);
            l.add("tibia-lateral-" + zone);
        }
        l.addAll(List.of("tibia-subspinous", "tibia-medial", "tibia-lateral"));
        for (String part : List.of("anterior-horn", "body", "posterior-horn")) {
            l.add("medial-meniscus-" + part);
            l.add("lateral-meniscus-" + part);
        }
        l.addAll(List.of("medial-meniscal-root", "lateral-meniscal-root"));
        l.addAll(List.of("hoffa-fat-pad", "joint-effusion", "acl", "pcl", "patellar-tendon", "iliotibial-band",
                "pes-anserine-bursa", "popliteal-cyst", "infrapatellar-bursa", "prepatellar-bursa", "ganglion"));
        LABEL_REGIONS = java.util.Collections.unmodifiableList(l); // holds a null: List.copyOf would refuse it
    }

    /** What varies between knees, beyond size and placement. */
    record Variation(int effusionGrade, String lesionRegion, double lesionRadius, double[] lesionCentre,
                     double cystScale) {
    }

    private final Variation variation;

    KneeAnatomy(Variation variation) {
        this.variation = variation;
    }

    /** Tissue ordinal in the high 16 bits, label in the low 16 bits. */
    int classify(double u, double v, double w) {
        double envelope = sq(u / 52) + sq((v + 4) / 54);
        if (envelope > 1) {
            return pack(Tissue.AIR, OUTSIDE);
        }
        double depth = (1 - Math.sqrt(envelope)) * 52; // approximate millimetres under the skin
        if (depth < 1.4) {
            return pack(Tissue.SKIN, KNEE);
        }
        boolean medial = u < 0;
        int bone = bone(u, v, w, medial);
        if (bone >= 0) {
            return onBoneSurface(u, v, w) ? pack(Tissue.CORTEX, label(bone)) : bone;
        }
        int cartilage = cartilage(u, v, w, medial);
        if (cartilage >= 0) {
            return cartilage;
        }
        int soft = jointSoftTissue(u, v, w, medial);
        if (soft >= 0) {
            return soft;
        }
        int bursa = bursa(u, v, w);
        if (bursa >= 0) {
            return bursa;
        }
        if (depth < 5) {
            return pack(Tissue.FAT, KNEE);
        }
        if (u > 40 && u < 43.5 && v > -8 && v < 10 && w > -22 && w < 50) {
            return pack(Tissue.FIBROUS, ITB);
        }
        return pack(muscle(u, v, w, depth) ? Tissue.MUSCLE : Tissue.FAT, KNEE);
    }

    private int bone(double u, double v, double w, boolean medial) {
        // Patella: an ellipsoid in front of the trochlea.
        double patella = sq(u / 21) + sq((v - 36) / 8.5) + sq((w - 28) / 17);
        if (patella < 1) {
            int label = w > 36 ? PATELLA_SUPERIOR : w < 20 ? PATELLA_INFERIOR : medial ? PATELLA_MEDIAL : PATELLA_LATERAL;
            return pack(marrow(u, v, w, label), label);
        }
        if (femurBone(u, v, w, 0)) {
            int label = femurLabel(v, w, medial);
            return pack(marrow(u, v, w, label), label);
        }
        if (tibiaBone(u, v, w)) {
            int label = tibiaLabel(u, v, w, medial);
            return pack(marrow(u, v, w, label), label);
        }
        if (fibula(u, v, w)) {
            return pack(Tissue.MARROW, KNEE); // fibular head and neck, posterolateral below the joint
        }
        return -1;
    }

    /**
     * Thigh muscles above the joint, calf muscles below it, the two gastrocnemius heads behind the
     * condyles and the popliteus behind the tibia; fat fills the popliteal fossa and the rest.
     */
    private static boolean muscle(double u, double v, double w, double depth) {
        if (depth < 6) {
            return false; // subcutaneous fat
        }
        boolean fossa = Math.abs(u + 2) < 9 && v < -24; // fat around the popliteal vessels
        if (w > 34 + 0.004 * sq(v + 5) + 0.004 * sq(u)) {
            return !fossa; // the thigh's muscles end in a curve above the joint, lower at the front
        }
        if (sq((u + 17) / 13) + sq((v + 37) / 12) + sq((w + 18) / 46) < 1
                || sq((u - 16) / 12) + sq((v + 36) / 11) + sq((w + 16) / 42) < 1) {
            return true; // gastrocnemius heads
        }
        if (sq(u / 22) + sq((v + 27) / 5) + sq((w + 24) / 11) < 1) {
            return true; // popliteus
        }
        return w < -32 - 0.004 * sq(v + 5) - 0.003 * sq(u) && !fossa;
    }

    /** Whether a point of bone lies within a millimetre of its surface: the dark cortex there. */
    private static boolean onBoneSurface(double u, double v, double w) {
        double d = 1.0;
        return !isBone(u + d, v, w) || !isBone(u - d, v, w) || !isBone(u, v + d, w) || !isBone(u, v - d, w)
                || !isBone(u, v, w + d) || !isBone(u, v, w - d);
    }

    private static boolean isBone(double u, double v, double w) {
        return sq(u / 21) + sq((v - 36) / 8.5) + sq((w - 28) / 17) < 1 || femurBone(u, v, w, 0) || tibiaBone(u, v, w)
                || fibula(u, v, w);
    }

    private static boolean fibula(double u, double v, double w) {
        return sq(u - 30) + sq(v + 18) + sq(w + 28) < 81 || (w < -28 && sq(u - 30) + sq(v + 18) < 36);
    }

    /** The distal femur grown by {@code margin} millimetres (0 for bone, a little more for its cartilage). */
    private static boolean femurBone(double u, double v, double w, double m) {
        if (w > 30 && sq(u / (17 + m)) + sq((v + 4) / (15 + m)) < 1) {
            return true; // shaft
        }
        boolean notch = Math.abs(u) < 7 - m && v < 4 && w < 22;
        if (!notch && w > 9 - m && w < 62) {
            double taper = Math.min(1, (w - 9) / 52); // the metaphysis narrows from the condyles to the shaft
            double ru = 37 - 20 * taper + m;
            double rv = 23 - 8 * taper + m;
            if (sq(u / ru) + sq((v + 4) / rv) < 1) {
                return true; // metaphysis and trochlea
            }
        }
        return sq((u + 20) / (15 + m)) + sq((v + 6) / (27 + m)) + sq((w - 21.5) / (19 + m)) < 1
                || sq((u - 20) / (14 + m)) + sq((v + 5) / (26 + m)) + sq((w - 21.5) / (19 + m)) < 1; // condyles
    }

    private static int femurLabel(double v, double w, boolean medial) {
        if (w > 45) {
            return FEMUR;
        }
        int zone = v > 12 ? 0 : v > 4 ? 1 : v > -15 ? 2 : 3;
        return FEMUR_SUBREGIONS + 2 * zone + (medial ? 0 : 1);
    }

    /** The proximal tibia: plateau top at w = -2.2, a small eminence, tuberosity, tapering to the shaft. */
    private static boolean tibiaBone(double u, double v, double w) {
        if (w > -2.2) {
            // Intercondylar eminence: a low ridge between the plateaus.
            return Math.abs(u) < 6 && Math.abs(v + 2) < 10 && w < -2.2 + 5 * (1 - Math.abs(u) / 6) * (1 - Math.abs(v + 2) / 10);
        }
        if (sq(u / 12) + sq((v - 24) / 5) + sq((w + 32) / 10) < 1) {
            return true; // tuberosity
        }
        double taper = w > -30 ? 0 : Math.min(1, (-30 - w) / 30);
        double ru = 37 - 20 * taper;
        double rv = 25 - 10 * taper;
        return sq(u / ru) + sq((v + 2) / rv) < 1;
    }

    private static int tibiaLabel(double u, double v, double w, boolean medial) {
        if (w < -25) {
            return TIBIA;
        }
        if (Math.abs(u) < 8) {
            return TIBIA_SUBSPINOUS;
        }
        if (Math.abs(u) > 31) {
            return TIBIA_MARGIN + (medial ? 0 : 1);
        }
        int zone = v > 7 ? 0 : v > -10 ? 1 : 2;
        return TIBIA_SUBREGIONS + 2 * zone + (medial ? 0 : 1);
    }

    private Tissue marrow(double u, double v, double w, int label) {
        double[] c = variation.lesionCentre();
        if (c != null && LABEL_REGIONS.get(label).equals(variation.lesionRegion())
                && sq(u - c[0]) + sq(v - c[1]) + sq(w - c[2]) < sq(variation.lesionRadius())) {
            return Tissue.LESION;
        }
        return Tissue.MARROW;
    }

    private static int cartilage(double u, double v, double w, boolean medial) {
        // Patellar cartilage on the posterior (articular) face.
        if (v < 33 && sq(u / 21) + sq((v - 36) / 11.5) + sq((w - 28) / 17) < 1) {
            int label = w > 36 ? PATELLA_SUPERIOR : w < 20 ? PATELLA_INFERIOR : medial ? PATELLA_MEDIAL : PATELLA_LATERAL;
            return pack(Tissue.CARTILAGE, label);
        }
        // Femoral cartilage, 2.3 mm thick, where bone lies just beyond the surface: on the distal and
        // posterior faces of the condyles and on the front of the trochlea.
        double t = 2.3;
        boolean condyleFace = Math.abs(Math.abs(u) - 20) < 11; // not the condyles' outer and notch sides
        boolean distal = condyleFace && w < 24 && femurBone(u, v, w + t, 0);
        boolean posterior = condyleFace && v < -10 && w < 30 && femurBone(u, v + t, w, 0);
        boolean trochlear = Math.abs(u) < 30 && v > 6 && w > 8 && w < 42 && femurBone(u, v - t, w, 0);
        if (distal || posterior || trochlear) {
            return pack(Tissue.CARTILAGE, femurLabel(v, w, medial));
        }
        // Tibial cartilage on both plateaus.
        if (w > -2.2 && w < 0 && Math.abs(u) > 6 && sq(u / 34) + sq((v + 2) / 23) < 1) {
            return pack(Tissue.CARTILAGE, tibiaLabel(u, v, w, medial));
        }
        return -1;
    }

    private int jointSoftTissue(double u, double v, double w, boolean medial) {
        int meniscus = meniscus(u, v, w, medial);
        if (meniscus >= 0) {
            return meniscus;
        }
        if (segmentDistance(u, v, w, 9, -13, 15, 2, 8, -1.5) < 4) {
            return pack(Tissue.FIBROUS, ACL);
        }
        if (segmentDistance(u, v, w, -8, 3, 13, -1, -20, -7) < 4.5) {
            return pack(Tissue.FIBROUS, PCL);
        }
        if (Math.abs(u) < 12 && segmentDistance(0, v, w, 0, 38, 12, 0, 27, -30) < 3.5) {
            return pack(Tissue.FIBROUS, PATELLAR_TENDON);
        }
        if (Math.abs(u) < 16 && segmentDistance(0, v, w, 0, 33, 46, 0, 27, 75) < 4) {
            return pack(Tissue.FIBROUS, KNEE); // quadriceps tendon
        }
        double recess = 1.5 + 2.5 * variation.effusionGrade();
        if (sq(u / 26) + sq((v - 23) / recess) + sq((w - 44) / 16) < 1) {
            return pack(Tissue.FLUID, EFFUSION); // suprapatellar recess
        }
        if (sq(u / 24) + sq((v - 22) / 11) + sq((w - 2) / 13) < 1) {
            return pack(Tissue.FAT, HOFFA);
        }
        return -1;
    }

    /** Wedge-shaped C rings on each plateau; the medial ring is open wider towards the notch. */
    private static int meniscus(double u, double v, double w, boolean medial) {
        if (w < -0.2 || w > 6.5) {
            return -1;
        }
        double x = medial ? -(u + 20) / 15 : (u - 20) / 14; // positive towards the outer rim
        double y = medial ? (v + 3) / 22 : (v + 2) / 19;
        double r = Math.hypot(x, y);
        if (r < 0.62 || r > 1.05 || w > 6.5 * (r - 0.62) / 0.43) {
            return -1;
        }
        double angle = Math.toDegrees(Math.atan2(y, x)); // 0 at the outer rim, +90 anterior, -90 posterior
        double gap = medial ? 150 : 165;
        if (Math.abs(angle) > gap) {
            return -1;
        }
        int side = medial ? 0 : 1;
        if (angle < -gap + 22) {
            return pack(Tissue.FIBROUS, MENISCUS + 6 + side); // posterior root
        }
        int part = angle > 45 ? 0 : angle > -45 ? 1 : 2;
        return pack(Tissue.FIBROUS, MENISCUS + 2 * part + side);
    }

    private int bursa(double u, double v, double w) {
        double cyst = variation.cystScale();
        if (sq((u + 16) / (7 * cyst)) + sq((v + 38) / (6 * cyst)) + sq((w - 2) / (14 * cyst)) < 1) {
            return pack(Tissue.FLUID, POPLITEAL);
        }
        if (sq((u + 33) / 3) + sq((v - 12) / 5) + sq((w + 32) / 9) < 1) {
            return pack(Tissue.FLUID, PES_ANSERINE);
        }
        if (sq(u / 7) + sq((v - 24.5) / 2) + sq((w + 24) / 4) < 1) {
            return pack(Tissue.FLUID, INFRAPATELLAR);
        }
        if (sq(u / 14) + sq((v - 46.5) / 1.5) + sq((w - 28) / 14) < 1) {
            return pack(Tissue.FLUID, PREPATELLAR);
        }
        if (sq(u - 28) + sq(v + 16) + sq(w + 14) < 12.25) {
            return pack(Tissue.FLUID, GANGLION);
        }
        return -1;
    }

    /** Distance from a point to the segment a-b. */
    private static double segmentDistance(double u, double v, double w, double au, double av, double aw,
                                          double bu, double bv, double bw) {
        double du = bu - au, dv = bv - av, dw = bw - aw;
        double t = ((u - au) * du + (v - av) * dv + (w - aw) * dw) / (du * du + dv * dv + dw * dw);
        t = Math.max(0, Math.min(1, t));
        return Math.sqrt(sq(u - au - t * du) + sq(v - av - t * dv) + sq(w - aw - t * dw));
    }

    static int pack(Tissue tissue, int label) {
        return tissue.ordinal() << 16 | label;
    }

    static Tissue tissue(int packed) {
        return Tissue.values()[packed >>> 16];
    }

    static int label(int packed) {
        return packed & 0xFFFF;
    }

    private static double sq(double x) {
        return x * x;
    }
}
