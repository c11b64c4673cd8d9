package org.groundwork.viewer.core.dicom.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Maps Specific Character Set (0008,0005) defined terms to Java charsets. */
final class CharacterSets {
    private CharacterSets() {
    }

    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO 2022 IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO 2022 IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"), Map.entry("ISO 2022 IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO 2022 IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO 2022 IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"), Map.entry("ISO 2022 IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO 2022 IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"), Map.entry("ISO 2022 IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"), Map.entry("ISO 2022 IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"), Map.entry("ISO 2022 IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO 2022 IR 166", "TIS-620"),
            Map.entry("ISO_IR 13", "Shift_JIS"), Map.entry("ISO 2022 IR 13", "Shift_JIS"),
            Map.entry("ISO 2022 IR 87", "ISO-2022-JP"), Map.entry("ISO 2022 IR 149", "EUC-KR"),
            Map.entry("ISO 2022 IR 58", "GB2312"),
            Map.entry("ISO_IR 192", "UTF-8"), Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"));

    /**
     * The charset for a (possibly multi-valued) Specific Character Set. With several values the last
     * one that Java knows is used; full ISO 2022 escape handling is not attempted. Unknown or empty:
     * ISO 8859-1, a superset of the default repertoire that never fails to decode.
     */
    static Charset forDefinedTerms(String value) {
        Charset result = StandardCharsets.ISO_8859_1;
        for (String term : value.split("\\\\")) {
            String name = JAVA_NAMES.get(term.trim());
            if (name != null && Charset.isSupported(name)) {
                result = Charset.forName(name);
            }
        }
        return result;
    }
}
