package org.groundwork.viewer.core.dicom.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.dicom.DicomInstance;
import org.groundwork.viewer.core.dicom.DicomObject;
import org.groundwork.viewer.core.dicom.PixelFormat;
import org.groundwork.viewer.core.dicom.Tag;
import org.groundwork.viewer.core.dicom.TransferSyntax;
import org.groundwork.viewer.core.dicom.internal.codec.DecodedImage;
import org.groundwork.viewer.core.dicom.internal.codec.ImageIoDecoder;

/** A parsed file whose pixel module has been checked against the bytes that are really there. */
final class BuiltInInstance implements DicomInstance {
    private static final Set<String> PHOTOMETRICS = Set.of("MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL",
            "YBR_FULL_422", "YBR_ICT", "YBR_RCT");

    private final Path file;
    private final long fileSize;
    private final ParsedFile parsed;
    private final PixelFormat format;
    private final TransferSyntax syntax;

    BuiltInInstance(Path file, long fileSize, ParsedFile parsed) throws BadInputException {
        this.file = file;
        this.fileSize = fileSize;
        this.parsed = parsed;
        this.syntax = TransferSyntax.byUid(parsed.transferSyntaxUid());
        this.format = parsed.pixels() == null ? null : checkedFormat();
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public DicomObject attributes() {
        return parsed.dataset();
    }

    @Override
    public String transferSyntaxUid() {
        return parsed.transferSyntaxUid();
    }

    @Override
    public boolean hasPixelData() {
        return format != null;
    }

    @Override
    public PixelFormat pixelFormat() {
        if (format == null) {
            throw new IllegalStateException(file + " has no pixel data");
        }
        return format;
    }

    private BadInputException bad(String reason) {
        return new BadInputException(file, reason);
    }

    private PixelFormat checkedFormat() throws BadInputException {
        DicomObject d = parsed.dataset();
        PixelDataLocation px = parsed.pixels();
        if (syntax == null || syntax.encoding() == TransferSyntax.Encoding.UNSUPPORTED) {
            throw bad("unsupported transfer syntax " + TransferSyntax.describe(parsed.transferSyntaxUid()));
        }
        if (px.encapsulated() != syntax.encapsulated()) {
            throw bad("the pixel data is " + (px.encapsulated() ? "compressed" : "uncompressed")
                    + " but the transfer syntax " + TransferSyntax.describe(parsed.transferSyntaxUid()) + " says otherwise");
        }
        int rows = d.intOr(Tag.ROWS, 0);
        int columns = d.intOr(Tag.COLUMNS, 0);
        if (rows <= 0 || columns <= 0 || rows > 65535 || columns > 65535) {
            throw bad("invalid image size " + columns + " x " + rows);
        }
        boolean floating = px.tag() != Tag.PIXEL_DATA;
        int bitsAllocated = d.intOr(Tag.BITS_ALLOCATED, floating && px.tag() == Tag.DOUBLE_FLOAT_PIXEL_DATA ? 64 : 0);
        if (bitsAllocated == 1) {
            throw bad("1-bit images (segmentations, overlays) are not supported as volumes");
        }
        if (floating ? bitsAllocated != 32 && bitsAllocated != 64 : bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw bad("unsupported Bits Allocated " + bitsAllocated);
        }
        int bitsStored = d.intOr(Tag.BITS_STORED, bitsAllocated);
        if (bitsStored <= 0 || bitsStored > bitsAllocated) {
            bitsStored = bitsAllocated; // a common writer bug; the allocated width is safe
        }
        int highBit = d.intOr(Tag.HIGH_BIT, bitsStored - 1);
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            highBit = bitsStored - 1;
        }
        int samples = d.intOr(Tag.SAMPLES_PER_PIXEL, 1);
        String photometric = d.string(Tag.PHOTOMETRIC_INTERPRETATION).toUpperCase(java.util.Locale.ROOT);
        if (photometric.isEmpty()) {
            photometric = samples == 3 ? "RGB" : "MONOCHROME2";
        }
        if (photometric.equals("PALETTE COLOR")) {
            throw bad("palette colour images are not supported");
        }
        if (!PHOTOMETRICS.contains(photometric)) {
            throw bad("unsupported photometric interpretation " + photometric);
        }
        if (samples != (photometric.startsWith("MONOCHROME") ? 1 : 3)) {
            throw bad(samples + " samples per pixel do not fit photometric interpretation " + photometric);
        }
        int frames = d.intOr(Tag.NUMBER_OF_FRAMES, 1);
        if (frames <= 0) {
            frames = 1;
        }
        boolean signed = d.intOr(Tag.PIXEL_REPRESENTATION, 0) == 1;
        PixelFormat f = new PixelFormat(rows, columns, frames, samples, bitsAllocated, bitsStored, highBit,
                signed, photometric, d.intOr(Tag.PLANAR_CONFIGURATION, 0), floating);
        if (px.encapsulated()) {
            if (frames > px.fragments().size()) {
                throw bad("the header announces " + frames + " frames but the pixel data holds only "
                        + px.fragments().size() + " compressed fragments");
            }
        } else {
            long needed = f.nativeFrameBytes() * frames;
            long available = Math.min(px.length(), dataEnd() - px.offset());
            if (available < needed) {
                throw bad("the pixel data is truncated: it holds " + Math.max(0, available) + " of the "
                        + needed + " bytes that " + frames + " frame(s) of " + columns + " x " + rows + " need");
            }
        }
        return f;
    }

    private long dataEnd() {
        return parsed.buffer() != null ? parsed.buffer().length : fileSize;
    }

    @Override
    public void decodeFrame(int frame, VoxelData target, int offset) throws BadInputException {
        PixelFormat f = pixelFormat();
        if (frame < 0 || frame >= f.frames()) {
            throw new IllegalArgumentException("frame " + frame + " of " + f.frames());
        }
        if (target.type() != f.voxelType()) {
            throw new IllegalArgumentException("target is " + target.type() + ", pixels are " + f.voxelType());
        }
        try {
            switch (syntax.encoding()) {
                case NATIVE -> {
                    int length = (int) f.nativeFrameBytes();
                    byte[] bytes = readBytes(parsed.pixels().offset() + (long) frame * length, length);
                    PixelConverter.fromNative(bytes, parsed.dataset().order(), f, target, offset);
                }
                case RLE -> {
                    byte[] bytes = RleDecoder.decode(frameBytes(frame), f, file);
                    PixelConverter.fromNative(bytes, java.nio.ByteOrder.LITTLE_ENDIAN, f, target, offset);
                }
                case JPEG, JPEG_2000 -> {
                    DecodedImage image = ImageIoDecoder.decode(frameBytes(frame),
                            syntax.encoding() == TransferSyntax.Encoding.JPEG ? ImageIoDecoder.Kind.JPEG
                                    : ImageIoDecoder.Kind.JPEG_2000, f.columns(), f.rows(), file);
                    if (image.width() != f.columns() || image.height() != f.rows() || image.bands() != f.samplesPerPixel()) {
                        throw bad("the compressed frame is " + image.width() + " x " + image.height() + " with "
                                + image.bands() + " component(s), but the header says " + f.columns() + " x "
                                + f.rows() + " with " + f.samplesPerPixel());
                    }
                    boolean colourTransformed = syntax.encoding() == TransferSyntax.Encoding.JPEG_2000;
                    PixelConverter.fromSamples(image.samples(), f, colourTransformed, target, offset);
                }
                default -> throw bad("unsupported transfer syntax " + TransferSyntax.describe(parsed.transferSyntaxUid()));
            }
        } catch (IOException e) {
            throw new BadInputException(file, "could not be read (" + e.getMessage() + ")", e);
        }
    }

    private byte[] readBytes(long position, int length) throws IOException, BadInputException {
        if (parsed.buffer() != null) {
            return java.util.Arrays.copyOfRange(parsed.buffer(), (int) position, (int) position + length);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return BuiltInDicomReader.readFully(channel, position, length, file);
        }
    }

    /** The compressed bytes of one frame: its fragments, joined. */
    private byte[] frameBytes(int frame) throws IOException, BadInputException {
        List<long[]> fragments = fragmentsOf(frame);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long[] fragment : fragments) {
            out.write(readBytes(fragment[0], (int) fragment[1]));
        }
        return out.toByteArray();
    }

    private List<long[]> fragmentsOf(int frame) throws IOException, BadInputException {
        List<long[]> all = parsed.pixels().fragments();
        int frames = format.frames();
        if (frames == 1) {
            return all;
        }
        if (all.size() == frames) {
            return List.of(all.get(frame));
        }
        long[] table = parsed.pixels().basicOffsetTable();
        List<List<long[]>> byFrame = table.length == frames ? groupByOffsetTable(all, table) : groupByStartMarker(all);
        if (byFrame.size() != frames) {
            throw bad("cannot tell which compressed fragments belong to which of the " + frames + " frames");
        }
        return byFrame.get(frame);
    }

    /** Offsets in the basic offset table count from the first fragment's item tag. */
    private static List<List<long[]>> groupByOffsetTable(List<long[]> fragments, long[] table) {
        long first = fragments.get(0)[0] - 8;
        List<List<long[]>> frames = new ArrayList<>();
        for (int f = 0; f < table.length; f++) {
            long start = table[f];
            long end = f + 1 < table.length ? table[f + 1] : Long.MAX_VALUE;
            List<long[]> mine = new ArrayList<>();
            for (long[] fragment : fragments) {
                long relative = fragment[0] - 8 - first;
                if (relative >= start && relative < end) {
                    mine.add(fragment);
                }
            }
            frames.add(mine);
        }
        return frames;
    }

    /** Without an offset table, a frame starts at each fragment that begins with a JPEG or J2K marker. */
    private List<List<long[]>> groupByStartMarker(List<long[]> fragments) throws IOException, BadInputException {
        List<List<long[]>> frames = new ArrayList<>();
        for (long[] fragment : fragments) {
            byte[] start = readBytes(fragment[0], (int) Math.min(2, fragment[1]));
            boolean marker = start.length == 2 && (start[0] & 0xFF) == 0xFF
                    && ((start[1] & 0xFF) == 0xD8 || (start[1] & 0xFF) == 0x4F);
            if (marker || frames.isEmpty()) {
                frames.add(new ArrayList<>());
            }
            frames.get(frames.size() - 1).add(fragment);
        }
        return frames;
    }
}
