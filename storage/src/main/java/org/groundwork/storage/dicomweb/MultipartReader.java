package org.groundwork.storage.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a {@code multipart/related} body (RFC 2046, as WADO-RS sends instances) one part at a time,
 * streaming each part's bytes to an output without holding the whole body.
 */
final class MultipartReader {
    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buffer = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean finished;

    MultipartReader(InputStream in, String boundary) throws IOException {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The preamble ends with the first boundary, which may open the body without a CRLF before it.
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int matched = 0;
        while (matched < first.length) {
            int b = read();
            matched = b == (first[matched] & 0xFF) ? matched + 1 : b == (first[0] & 0xFF) ? 1 : 0;
        }
        finished = afterBoundary();
    }

    /** The boundary parameter of a multipart Content-Type header. */
    static String boundaryOf(String contentType) throws IOException {
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length()).trim();
                return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        throw new IOException("the response is not multipart (Content-Type: " + contentType + ")");
    }

    /**
     * Copies the next part's body to {@code out} (its headers are read and dropped); false once the
     * closing boundary has been read.
     */
    boolean nextPart(OutputStream out) throws IOException {
        if (finished) {
            return false;
        }
        skipHeaders();
        copyUntilDelimiter(out);
        finished = afterBoundary();
        return true;
    }

    /** At least {@code wanted} bytes buffered, unless the stream ends first; false then. */
    private boolean ensure(int wanted) throws IOException {
        if (limit - pos >= wanted) {
            return true;
        }
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < wanted) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
        }
        return true;
    }

    private int read() throws IOException {
        if (!ensure(1)) {
            throw new IOException("the multipart response ends before its closing boundary (connection lost?)");
        }
        return buffer[pos++] & 0xFF;
    }

    /** After a boundary: "--" closes the body, otherwise the rest of the line is skipped and a part follows. */
    private boolean afterBoundary() throws IOException {
        int first = read();
        int second = read();
        if (first == '-' && second == '-') {
            return true;
        }
        int b = second;
        while (b != '\n') {
            b = read(); // transport padding, then CRLF
        }
        return false;
    }

    private void skipHeaders() throws IOException {
        int lineLength = 0;
        while (true) {
            int b = read();
            if (b == '\n') {
                if (lineLength == 0) {
                    return; // the empty line ends the headers
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
    }

    /** Copies bytes up to the next CRLF "--" boundary, which is consumed. */
    private void copyUntilDelimiter(OutputStream out) throws IOException {
        int n = delimiter.length;
        byte firstByte = delimiter[0];
        while (true) {
            if (!ensure(n)) {
                throw new IOException("the multipart response ends inside a part (connection lost?)");
            }
            int last = limit - n;
            for (int i = pos; i <= last; i++) {
                if (buffer[i] == firstByte && matchesAt(i)) {
                    out.write(buffer, pos, i - pos);
                    pos = i + n;
                    return;
                }
            }
            // No boundary starts before the last n - 1 bytes: those may begin one.
            out.write(buffer, pos, last + 1 - pos);
            pos = last + 1;
            ensure(limit - pos + 1); // forces more data in
        }
    }

    private boolean matchesAt(int i) {
        for (int k = 1; k < delimiter.length; k++) {
            if (buffer[i + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }
}
