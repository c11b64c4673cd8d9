package org.groundwork.dataset.export.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A horizontal bar chart drawn into a pixel buffer and written as PNG: a title, one labelled bar per
 * entry with its value. Text uses a built-in 5x7 pixel font (capitals, digits, a few signs), so the
 * exporter needs no windowing or font system and runs on headless servers.
 */
public final class BarChart {
    private static final int SCALE = 2;
    private static final int GLYPH_W = 6 * SCALE;
    private static final int ROW = 22;
    private static final int LABEL_CHARS = 34;
    private static final int WIDTH = 900;
    private static final Map<Character, int[]> FONT = new LinkedHashMap<>();

    static {
        String[] rows = {
            "0:14,17,19,21,25,17,14", "1:4,12,4,4,4,4,14", "2:14,17,1,2,4,8,31", "3:31,2,4,2,1,17,14",
            "4:2,6,10,18,31,2,2", "5:31,16,30,1,1,17,14", "6:6,8,16,30,17,17,14", "7:31,1,2,4,8,8,8",
            "8:14,17,17,14,17,17,14", "9:14,17,17,15,1,2,12", "A:14,17,17,31,17,17,17", "B:30,17,17,30,17,17,30",
            "C:14,17,16,16,16,17,14", "D:28,18,17,17,17,18,28", "E:31,16,16,30,16,16,31", "F:31,16,16,30,16,16,16",
            "G:14,17,16,23,17,17,15", "H:17,17,17,31,17,17,17", "I:14,4,4,4,4,4,14", "J:7,2,2,2,2,18,12",
            "K:17,18,20,24,20,18,17", "L:16,16,16,16,16,16,31", "M:17,27,21,21,17,17,17", "N:17,17,25,21,19,17,17",
            "O:14,17,17,17,17,17,14", "P:30,17,17,30,16,16,16", "Q:14,17,17,17,21,18,13", "R:30,17,17,30,20,18,17",
            "S:15,16,16,14,1,1,30", "T:31,4,4,4,4,4,4", "U:17,17,17,17,17,17,14", "V:17,17,17,17,17,10,4",
            "W:17,17,17,21,21,21,10", "X:17,17,10,4,10,17,17", "Y:17,17,17,10,4,4,4", "Z:31,1,2,4,8,16,31",
            "-:0,0,0,31,0,0,0", ".:0,0,0,0,0,12,12", "%:24,25,2,4,8,19,3", "(:2,4,8,8,8,4,2", "):8,4,2,2,2,4,8",
            "/:0,1,2,4,8,16,0", ",:0,0,0,0,12,4,8", "_:0,0,0,0,0,0,31", "=:0,0,31,0,31,0,0", "+:0,4,4,31,4,4,0"};
        for (String row : rows) {
            String[] parts = row.substring(2).split(",");
            int[] bits = new int[7];
            for (int i = 0; i < 7; i++) {
                bits[i] = Integer.parseInt(parts[i]);
            }
            FONT.put(row.charAt(0), bits);
        }
        FONT.put(':', new int[] {0, 12, 12, 0, 12, 12, 0});
    }

    private BarChart() {
    }

    /** The chart as PNG bytes; values are drawn to scale with the largest. */
    public static byte[] png(String title, Map<String, Double> bars, String unit) {
        List<Map.Entry<String, Double>> entries = List.copyOf(bars.entrySet());
        int height = 50 + ROW * Math.max(1, entries.size()) + 10;
        byte[] rgb = new byte[WIDTH * height * 3];
        java.util.Arrays.fill(rgb, (byte) 255);
        text(rgb, 10, 12, title, 0x202020);
        double max = entries.stream().mapToDouble(Map.Entry::getValue).max().orElse(1);
        int barX = 10 + LABEL_CHARS * GLYPH_W + 10;
        int barSpace = WIDTH - barX - 140;
        for (int r = 0; r < entries.size(); r++) {
            Map.Entry<String, Double> e = entries.get(r);
            int y = 50 + r * ROW;
            String label = e.getKey().length() > LABEL_CHARS ? e.getKey().substring(0, LABEL_CHARS - 1) + "." : e.getKey();
            text(rgb, 10, y + 2, label, 0x303030);
            int length = max <= 0 ? 0 : (int) Math.round(barSpace * e.getValue() / max);
            fill(rgb, barX, y, Math.max(1, length), ROW - 6, 0x3d7bd9);
            text(rgb, barX + length + 8, y + 2, format(e.getValue()) + (unit.isEmpty() ? "" : " " + unit), 0x303030);
        }
        return PngEncoder.encode(WIDTH, height, rgb, true);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void text(byte[] rgb, int x, int y, String text, int colour) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (int c = 0; c < upper.length(); c++) {
            int[] glyph = FONT.get(upper.charAt(c));
            if (glyph == null) {
                continue; // not in the font: left blank
            }
            for (int row = 0; row < 7; row++) {
                for (int col = 0; col < 5; col++) {
                    if ((glyph[row] >> (4 - col) & 1) != 0) {
                        fill(rgb, x + c * GLYPH_W + col * SCALE, y + row * SCALE, SCALE, SCALE, colour);
                    }
                }
            }
        }
    }

    private static void fill(byte[] rgb, int x0, int y0, int w, int h, int colour) {
        int height = rgb.length / 3 / WIDTH;
        for (int y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(WIDTH, x0 + w); x++) {
                int at = (y * WIDTH + x) * 3;
                rgb[at] = (byte) (colour >> 16);
                rgb[at + 1] = (byte) (colour >> 8);
                rgb[at + 2] = (byte) colour;
            }
        }
    }
}
