package org.groundwork.storage.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** multipart/related bodies as WADO-RS servers send them, including parts larger than the read buffer. */
class MultipartReaderTest {
    private static final String BOUNDARY = "b0undary-42";

    private static byte[] body(List<byte[]> parts, boolean closed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("preamble to ignore\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] part : parts) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nContent-Length: " + part.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (closed) {
            out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static List<byte[]> read(byte[] body) throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
        List<byte[]> parts = new ArrayList<>();
        while (true) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!reader.nextPart(out)) {
                return parts;
            }
            parts.add(out.toByteArray());
        }
    }

    @Test
    void partsComeBackByteForByteWhateverTheyContain() throws IOException {
        Random random = new Random(3);
        byte[] large = new byte[3_000_001]; // across several reads of the 1 MB buffer
        random.nextBytes(large);
        // A near-boundary is data; only the exact CRLF "--" boundary followed by the line end splits parts.
        byte[] nearBoundary = ("abc\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "Z").getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> parts = List.of(large, new byte[0], nearBoundary, new byte[] {(byte) 0xFF, 0, '\r', '\n'});
        List<byte[]> back = read(body(parts, true));
        assertEquals(parts.size(), back.size());
        for (int n = 0; n < parts.size(); n++) {
            assertArrayEquals(parts.get(n), back.get(n), "part " + n);
        }
    }

    @Test
    void theBoundaryParameterIsFoundQuotedOrNot() throws IOException {
        assertEquals("abc", MultipartReader.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc"));
        assertEquals("a b", MultipartReader.boundaryOf("multipart/related;boundary=\"a b\";type=\"application/dicom\""));
        IOException e = assertThrows(IOException.class, () -> MultipartReader.boundaryOf("application/dicom+json"));
        assertTrue(e.getMessage().contains("not multipart"), e.getMessage());
    }

    @Test
    void aBodyCutShortIsAnErrorNotAShortSeries() {
        byte[] whole = body(List.of(new byte[5000], new byte[5000]), true);
        for (int cut : new int[] {10, 200, 5100, whole.length - 3}) {
            byte[] truncated = Arrays.copyOf(whole, cut);
            IOException e = assertThrows(IOException.class, () -> read(truncated), "cut at " + cut);
            assertTrue(e.getMessage().contains("ends"), e.getMessage());
        }
        assertThrows(IOException.class, () -> read(body(List.of(new byte[10]), false)));
    }

    @Test
    void anEmptyBodyHasNoParts() throws IOException {
        byte[] empty = ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(empty), BOUNDARY);
        assertFalse(reader.nextPart(new ByteArrayOutputStream()));
    }
}
