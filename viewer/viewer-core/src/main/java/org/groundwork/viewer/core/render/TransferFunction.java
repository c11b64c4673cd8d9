package org.groundwork.viewer.core.render;

import java.util.List;

/**
 * Maps a real voxel value to colour and opacity for direct volume rendering: a linear opacity ramp
 * from {@code low} (transparent) to {@code high} (opacity {@code maxOpacity} per millimetre of
 * tissue), coloured from {@code lowColour} to {@code highColour}.
 */
public record TransferFunction(String name, double low, double high, double maxOpacity, int lowColour, int highColour) {
    /** CT bone: only dense bone shows, ivory. */
    public static final TransferFunction CT_BONE = new TransferFunction("CT bone", 150, 700, 0.35, 0xC8A878, 0xFFF8E8);
    /** CT soft tissue: skin and muscle, reddish, translucent. */
    public static final TransferFunction CT_SOFT_TISSUE = new TransferFunction("CT soft tissue", -150, 250, 0.06, 0x8C2A1E, 0xF0C0A0);

    /** MR has no absolute scale: the ramp follows the volume's own histogram. */
    public static TransferFunction mr(WindowLevel auto) {
        return new TransferFunction("MR", auto.lower() + auto.width() * 0.25, auto.lower() + auto.width() * 0.9, 0.08,
                0x604838, 0xFFFFFF);
    }

    public static List<String> presetNames() {
        return List.of(CT_BONE.name(), CT_SOFT_TISSUE.name(), "MR");
    }

    /** Opacity of one sample of {@code stepMm} millimetres, 0..1. */
    double alpha(double value, double stepMm) {
        if (value <= low) {
            return 0;
        }
        double t = value >= high ? 1 : (value - low) / (high - low);
        return Math.min(1, t * maxOpacity * stepMm);
    }

    /** Packed RGB for a value. */
    int colour(double value) {
        double t = value <= low ? 0 : value >= high ? 1 : (value - low) / (high - low);
        int r = mix(lowColour >> 16 & 0xFF, highColour >> 16 & 0xFF, t);
        int g = mix(lowColour >> 8 & 0xFF, highColour >> 8 & 0xFF, t);
        int b = mix(lowColour & 0xFF, highColour & 0xFF, t);
        return r << 16 | g << 8 | b;
    }

    private static int mix(int a, int b, double t) {
        return (int) (a + (b - a) * t + 0.5);
    }
}
