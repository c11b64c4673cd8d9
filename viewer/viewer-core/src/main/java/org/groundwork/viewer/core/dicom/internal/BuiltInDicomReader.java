package org.groundwork.viewer.core.dicom.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.dicom.DicomInstance;
import org.groundwork.viewer.core.dicom.DicomReader;

/**
 * Groundwork's own DICOM reader. It reads only the head of a file to parse the attributes (doubling
 * the amount read while the header continues), and reads pixel bytes later at their offset.
 */
public final class BuiltInDicomReader implements DicomReader {
    private static final int FIRST_READ = 64 * 1024;

    @Override
    public DicomInstance read(Path file) throws BadInputException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int want = (int) Math.min(size, FIRST_READ);
            while (true) {
                byte[] head = readFully(channel, 0, want, file);
                try {
                    ParsedFile parsed = DicomParser.parse(file, head, head.length, size);
                    return new BuiltInInstance(file, size, parsed);
                } catch (DicomParser.NeedMoreBytes more) {
                    if (want >= size) {
                        throw new BadInputException(file, "the header could not be read to its end");
                    }
                    if (size > Integer.MAX_VALUE - 8) {
                        throw new BadInputException(file, "a header larger than 2 GB is not supported");
                    }
                    want = (int) Math.min(size, (long) want * 4);
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file, "permission denied");
        } catch (IOException e) {
            throw new BadInputException(file, "could not be read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads {@code length} bytes at {@code position}; the caller has checked them against the file size. */
    static byte[] readFully(FileChannel channel, long position, int length, Path file) throws IOException, BadInputException {
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new BadInputException(file, "the file ended early (it changed while being read?)");
            }
            at += n;
        }
        return bytes;
    }
}
