package org.groundwork.viewer.core.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A DICOM data set: attributes by tag, each with its VR and raw value bytes, and items of sequences.
 * Values are decoded on request by typed getters, which tolerate the usual sloppiness of real files
 * (padding, spaces, missing values) and return empty rather than throw.
 */
public final class DicomObject {
    /** One attribute: value bytes as stored (in the data set's byte order), or the items of a sequence. */
    public record Element(int tag, String vr, byte[] value, List<DicomObject> items) {
    }

    private final Map<Integer, Element> elements = new LinkedHashMap<>();
    private final ByteOrder order;
    private Charset charset;

    public DicomObject(ByteOrder order, Charset charset) {
        this.order = order;
        this.charset = charset;
    }

    public void put(Element element) {
        elements.put(element.tag(), element);
    }

    public Element get(int tag) {
        return elements.get(tag);
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public Map<Integer, Element> elements() {
        return Collections.unmodifiableMap(elements);
    }

    public ByteOrder order() {
        return order;
    }

    public Charset charset() {
        return charset;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    /** Items of a sequence, empty if absent or not a sequence. */
    public List<DicomObject> sequence(int tag) {
        Element e = elements.get(tag);
        return e == null || e.items() == null ? List.of() : e.items();
    }

    /** First item of a sequence, or null. */
    public DicomObject item(int tag) {
        List<DicomObject> items = sequence(tag);
        return items.isEmpty() ? null : items.get(0);
    }

    /** Text value, trimmed of padding; "" if absent. Multiple values stay joined by backslashes. */
    public String string(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.value() == null) {
            return "";
        }
        Charset cs = isTextInCharset(e.vr()) ? charset : StandardCharsets.ISO_8859_1;
        String s = new String(e.value(), cs);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    private static boolean isTextInCharset(String vr) {
        return switch (vr) {
            case "PN", "LO", "SH", "ST", "LT", "UT", "UC" -> true;
            default -> false;
        };
    }

    /** Numeric values: binary VRs (US, SS, UL, SL, FL, FD) or decimal strings (DS, IS). */
    public double[] doubles(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.value() == null) {
            return new double[0];
        }
        ByteBuffer b = ByteBuffer.wrap(e.value()).order(order);
        int n = e.value().length;
        return switch (e.vr()) {
            case "US" -> fill(n / 2, i -> b.getShort(i * 2) & 0xFFFF);
            case "SS" -> fill(n / 2, i -> b.getShort(i * 2));
            case "UL" -> fill(n / 4, i -> b.getInt(i * 4) & 0xFFFFFFFFL);
            case "SL" -> fill(n / 4, i -> b.getInt(i * 4));
            case "FL" -> fill(n / 4, i -> b.getFloat(i * 4));
            case "FD" -> fill(n / 8, i -> b.getDouble(i * 8));
            default -> parseDecimals(string(tag));
        };
    }

    private interface IndexToDouble {
        double at(int i);
    }

    private static double[] fill(int n, IndexToDouble f) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = f.at(i);
        }
        return r;
    }

    private static double[] parseDecimals(String s) {
        if (s.isEmpty()) {
            return new double[0];
        }
        String[] parts = s.split("\\\\", -1);
        double[] r = new double[parts.length];
        int n = 0;
        for (String p : parts) {
            try {
                r[n] = Double.parseDouble(p.trim());
                n++;
            } catch (NumberFormatException ignored) {
                return java.util.Arrays.copyOf(r, n); // stop at the first unreadable value
            }
        }
        return java.util.Arrays.copyOf(r, n);
    }

    public OptionalDouble firstDouble(int tag) {
        double[] v = doubles(tag);
        return v.length > 0 && Double.isFinite(v[0]) ? OptionalDouble.of(v[0]) : OptionalDouble.empty();
    }

    public OptionalInt firstInt(int tag) {
        OptionalDouble d = firstDouble(tag);
        return d.isPresent() && Math.abs(d.getAsDouble()) <= Integer.MAX_VALUE
                ? OptionalInt.of((int) Math.round(d.getAsDouble())) : OptionalInt.empty();
    }

    public int intOr(int tag, int fallback) {
        return firstInt(tag).orElse(fallback);
    }

    public double doubleOr(int tag, double fallback) {
        return firstDouble(tag).orElse(fallback);
    }
}
