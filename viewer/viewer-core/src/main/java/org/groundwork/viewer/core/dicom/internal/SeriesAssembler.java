package org.groundwork.viewer.core.dicom.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.MemoryBudget;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.Workers;
import org.groundwork.viewer.core.dicom.DicomObject;
import org.groundwork.viewer.core.dicom.PixelFormat;
import org.groundwork.viewer.core.dicom.Tag;
import org.groundwork.viewer.core.dicom.TransferSyntax;

/**
 * Turns frames into volumes: groups them by series, size and orientation, sorts them along the
 * slice normal, derives the voxel-to-LPS affine from the real slice positions, reports geometry a
 * reader should know about, and decodes the slices in parallel into one array.
 */
public final class SeriesAssembler {
    /** Frames closer than this along the normal are taken as the same slice position (mm). */
    private static final double SAME_POSITION = 1e-3;

    private SeriesAssembler() {
    }

    /** Frames that make one volume, in the order they were found. */
    public record Group(String seriesUid, List<FrameGeometry> frames, List<String> warnings) {
    }

    /** Splits frames into groups that can each become one volume. */
    public static List<Group> group(List<FrameGeometry> frames) {
        Map<String, List<FrameGeometry>> byKey = new LinkedHashMap<>();
        for (FrameGeometry f : frames) {
            byKey.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f);
        }
        Map<String, Integer> groupsPerSeries = new LinkedHashMap<>();
        for (List<FrameGeometry> g : byKey.values()) {
            groupsPerSeries.merge(seriesUid(g.get(0)), 1, Integer::sum);
        }
        List<Group> groups = new ArrayList<>();
        for (List<FrameGeometry> g : byKey.values()) {
            String uid = seriesUid(g.get(0));
            List<String> warnings = new ArrayList<>();
            int parts = groupsPerSeries.get(uid);
            if (parts > 1) {
                warnings.add("the series mixes " + parts + " image sizes or orientations; each opens as its own volume");
            }
            groups.add(new Group(uid, g, warnings));
        }
        return groups;
    }

    private static String seriesUid(FrameGeometry f) {
        String uid = f.instance().attributes().string(Tag.SERIES_INSTANCE_UID);
        return uid.isEmpty() ? "(no series UID) " + f.instance().file().getParent() : uid;
    }

    private static String key(FrameGeometry f) {
        PixelFormat p = f.instance().pixelFormat();
        return String.format(Locale.ROOT, "%s|%dx%d|%s|%s|%.3f,%.3f,%.3f,%.3f,%.3f,%.3f", seriesUid(f),
                p.columns(), p.rows(), p.voxelType(), f.hasGeometry(),
                f.rowDirection()[0], f.rowDirection()[1], f.rowDirection()[2],
                f.columnDirection()[0], f.columnDirection()[1], f.columnDirection()[2]);
    }

    /** Builds and decodes the volume of one group. */
    public static Volume assemble(Group group, LoadMonitor monitor, AtomicLong framesDone, long framesTotal)
            throws BadInputException {
        List<String> warnings = new ArrayList<>(group.warnings());
        List<FrameGeometry> slices = sortedUniqueSlices(group.frames(), warnings);
        FrameGeometry first = slices.get(0);
        PixelFormat format = first.instance().pixelFormat();
        int nx = format.columns();
        int ny = format.rows();
        int nz = slices.size();

        Affine affine = affine(slices, warnings);
        boolean sameScaling = slices.stream().allMatch(s -> s.slope() == first.slope() && s.intercept() == first.intercept());
        VoxelType stored = format.voxelType();
        VoxelType type = sameScaling || stored == VoxelType.RGB24 ? stored : VoxelType.FLOAT32;
        long voxels = (long) nx * ny * nz;
        MemoryBudget.require(first.instance().file(), voxels * type.bytes(), "the series");
        VoxelData data = VoxelData.allocate(type, voxels);
        double slope = type == stored ? first.slope() : 1.0;
        double intercept = type == stored ? first.intercept() : 0.0;
        Volume volume = new Volume(nx, ny, nz, data, affine, slope, intercept, info(first), warnings);
        // The middle slice first, so that a viewer can show it while the others decode.
        int middle = nz / 2;
        decodeSlice(slices.get(middle), data, type != stored, middle * nx * ny);
        monitor.preview(volume);
        decodeAll(slices, middle, data, type != stored, monitor, framesDone, framesTotal);
        return volume;
    }

    private static List<FrameGeometry> sortedUniqueSlices(List<FrameGeometry> frames, List<String> warnings) {
        FrameGeometry first = frames.get(0);
        List<FrameGeometry> sorted = new ArrayList<>(frames);
        if (first.hasGeometry()) {
            double[] normal = first.normal();
            sorted.sort(Comparator.comparingDouble(f -> Vectors.dot(f.position(), normal)));
            List<FrameGeometry> unique = new ArrayList<>();
            int duplicates = 0;
            for (FrameGeometry f : sorted) {
                if (!unique.isEmpty() && Math.abs(Vectors.dot(f.position(), normal)
                        - Vectors.dot(unique.get(unique.size() - 1).position(), normal)) < SAME_POSITION) {
                    duplicates++;
                } else {
                    unique.add(f);
                }
            }
            if (duplicates > 0) {
                warnings.add(duplicates + " image(s) repeat a slice position already present (several echoes "
                        + "or time points?); only the first image at each position is used");
            }
            return unique;
        }
        sorted.sort(Comparator.comparingInt((FrameGeometry f) -> f.instance().attributes().intOr(Tag.INSTANCE_NUMBER, 0))
                .thenComparingInt(FrameGeometry::frame));
        warnings.add("the images carry no patient position or orientation; they are stacked in instance "
                + "order with " + fmt(first.columnSpacing()) + " x " + fmt(first.rowSpacing()) + " mm pixels "
                + "and 1 mm slices");
        return sorted;
    }

    /** Columns: step along a row, step down a column, mean step between slices; origin: the first slice. */
    private static Affine affine(List<FrameGeometry> slices, List<String> warnings) {
        FrameGeometry first = slices.get(0);
        double[] iStep = Vectors.scale(first.rowDirection(), first.columnSpacing());
        double[] jStep = Vectors.scale(first.columnDirection(), first.rowSpacing());
        double[] normal = first.normal();
        double[] kStep;
        int n = slices.size();
        if (n == 1 || !first.hasGeometry()) {
            double thickness = first.instance().attributes().doubleOr(Tag.SLICE_THICKNESS, 1.0);
            kStep = Vectors.scale(normal, first.hasGeometry() && thickness > 0 ? thickness : 1.0);
        } else {
            FrameGeometry last = slices.get(n - 1);
            kStep = Vectors.scale(Vectors.subtract(last.position(), first.position()), 1.0 / (n - 1));
            reportSpacing(slices, normal, warnings);
            double along = Vectors.dot(kStep, normal);
            double tilt = Math.toDegrees(Math.acos(Math.min(1, Math.abs(along) / Vectors.norm(kStep))));
            if (tilt > 0.1) {
                warnings.add(String.format(Locale.ROOT, "gantry tilt of %.1f°: slices are offset from each other; "
                        + "the geometry follows the real slice positions (sheared)", tilt));
            }
        }
        return Affine.fromColumns(iStep, jStep, kStep, first.position());
    }

    private static void reportSpacing(List<FrameGeometry> slices, double[] normal, List<String> warnings) {
        int n = slices.size();
        double[] gaps = new double[n - 1];
        for (int k = 1; k < n; k++) {
            gaps[k - 1] = Vectors.dot(slices.get(k).position(), normal) - Vectors.dot(slices.get(k - 1).position(), normal);
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        int missing = 0;
        for (double gap : gaps) {
            if (gap > 1.5 * median) {
                missing += (int) Math.round(gap / median) - 1;
            }
        }
        if (missing > 0) {
            warnings.add("about " + missing + " slice(s) appear to be missing (gaps of up to "
                    + fmt(sorted[sorted.length - 1]) + " mm where the spacing is " + fmt(median) + " mm)");
        } else if (sorted[sorted.length - 1] - sorted[0] > 0.01 * median + 1e-3) {
            warnings.add("non-uniform slice spacing: from " + fmt(sorted[0]) + " to " + fmt(sorted[sorted.length - 1])
                    + " mm; the volume uses the mean spacing");
        }
    }

    private static void decodeSlice(FrameGeometry s, VoxelData data, boolean rescaleToFloat, int offset)
            throws BadInputException {
        if (rescaleToFloat) {
            decodeRescaled(s, (VoxelData.Float32) data, offset);
        } else {
            s.instance().decodeFrame(s.frame(), data, offset);
        }
    }

    private static void decodeAll(List<FrameGeometry> slices, int skip, VoxelData data, boolean rescaleToFloat,
                                  LoadMonitor monitor, AtomicLong done, long total) throws BadInputException {
        int sliceVoxels = slices.get(0).instance().pixelFormat().pixelsPerFrame();
        monitor.progress(done.incrementAndGet(), total, "Decoding slices");
        try {
            Workers.await(() -> java.util.stream.IntStream.range(0, slices.size()).parallel().forEach(k -> {
                if (k == skip) {
                    return;
                }
                monitor.checkCancelled();
                try {
                    decodeSlice(slices.get(k), data, rescaleToFloat, k * sliceVoxels);
                } catch (BadInputException e) {
                    throw new DecodeFailure(e);
                }
                monitor.progress(done.incrementAndGet(), total, "Decoding slices");
            }));
        } catch (DecodeFailure failure) {
            throw failure.bad;
        }
    }

    /** Slices with their own rescale values are converted to real values one by one. */
    private static void decodeRescaled(FrameGeometry s, VoxelData.Float32 target, int offset) throws BadInputException {
        PixelFormat f = s.instance().pixelFormat();
        VoxelData one = VoxelData.allocate(f.voxelType(), f.pixelsPerFrame());
        s.instance().decodeFrame(s.frame(), one, 0);
        for (int p = 0; p < f.pixelsPerFrame(); p++) {
            target.values()[offset + p] = (float) (one.get(p) * s.slope() + s.intercept());
        }
    }

    private static final class DecodeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient BadInputException bad;

        DecodeFailure(BadInputException bad) {
            super(bad.getMessage(), null, false, false);
            this.bad = bad;
        }
    }

    private static VolumeInfo info(FrameGeometry first) {
        DicomObject d = first.instance().attributes();
        return new VolumeInfo(first.instance().file().getParent() == null ? first.instance().file().toString()
                : first.instance().file().getParent().toString(), "DICOM",
                TransferSyntax.describe(first.instance().transferSyntaxUid()), d.string(Tag.MODALITY),
                d.string(Tag.PATIENT_ID), d.string(Tag.PATIENT_NAME), d.string(Tag.STUDY_INSTANCE_UID),
                d.string(Tag.SERIES_INSTANCE_UID), d.string(Tag.SERIES_DESCRIPTION), d.string(Tag.STUDY_DATE),
                laterality(d), first.windowCenter(),
                first.windowWidth(), first.instance().pixelFormat().photometric().equals("MONOCHROME1"));
    }

    /** R or L from Laterality, else Image Laterality; anything else (B, U, absent) is unknown. */
    private static String laterality(DicomObject d) {
        for (int tag : new int[] {Tag.LATERALITY, Tag.IMAGE_LATERALITY}) {
            String value = d.string(tag).strip().toUpperCase(java.util.Locale.ROOT);
            if (value.equals("R") || value.equals("L")) {
                return value;
            }
        }
        return "";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
