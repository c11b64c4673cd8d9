package org.groundwork.viewer.core.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.MemoryBudget;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.ScanResult.Failure;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.Workers;
import org.groundwork.viewer.core.io.ContentKeys;
import org.groundwork.viewer.core.io.IndexResult;
import org.groundwork.viewer.core.io.SeriesSummary;
import org.groundwork.viewer.core.dicom.internal.FrameGeometry;
import org.groundwork.viewer.core.dicom.internal.SeriesAssembler;

/**
 * Loads DICOM files into volumes: reads every header (in parallel), groups frames into series, and
 * decodes each series into one volume. Unreadable files are reported, and the rest still loads.
 */
public final class DicomSeriesLoader {
    /** Media Storage Directory Storage: a DICOMDIR index, not an image. */
    static final String DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10";
    /** Why a DICOMDIR is not loaded as an image. */
    public static final String DICOMDIR_SKIPPED = "DICOMDIR index (the images it lists are read from their own files)";

    private final DicomReader reader;

    public DicomSeriesLoader(DicomReader reader) {
        this.reader = reader;
    }

    public ScanResult load(Collection<Path> files, LoadMonitor monitor) {
        Headers headers = readHeaders(files, monitor);
        List<Failure> failures = new ArrayList<>(headers.failures());
        List<Volume> volumes = new ArrayList<>();
        List<ScanResult.Read> read = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        for (SeriesAssembler.Group group : SeriesAssembler.group(headers.frames())) {
            monitor.checkCancelled();
            try {
                volumes.add(SeriesAssembler.assemble(group, monitor, done, headers.frames().size()));
                int volume = volumes.size() - 1;
                filesOf(group).forEach(f -> read.add(new ScanResult.Read(f, volume)));
            } catch (BadInputException e) {
                refuse(group, e, failures);
            } catch (OutOfMemoryError e) {
                // The half-built volume is garbage now; the series is refused and the others still load.
                refuse(group, new BadInputException(filesOf(group).get(0), MemoryBudget.tooLarge()), failures);
            }
        }
        return new ScanResult(volumes, read, failures, headers.skipped());
    }

    /** Names every file of a refused series: the one that failed, and the others with why. */
    private static void refuse(SeriesAssembler.Group group, BadInputException e, List<Failure> failures) {
        failures.add(new Failure(e.file(), e.reason() + " (series " + group.seriesUid() + " not loaded)"));
        filesOf(group).stream().filter(f -> !f.equals(e.file())).forEach(f -> failures.add(
                new Failure(f, "not loaded: its series failed at " + e.file() + ": " + e.reason())));
    }

    private static List<Path> filesOf(SeriesAssembler.Group group) {
        return group.frames().stream().map(f -> f.instance().file()).distinct().toList();
    }

    /** The series found in the files, from their headers alone (no pixel is decoded). */
    public IndexResult index(Collection<Path> files, LoadMonitor monitor) {
        Headers headers = readHeaders(files, monitor);
        List<SeriesSummary> series = new ArrayList<>();
        for (SeriesAssembler.Group group : SeriesAssembler.group(headers.frames())) {
            series.add(summarize(group));
        }
        return new IndexResult(series, headers.failures(), headers.skipped());
    }

    private static SeriesSummary summarize(SeriesAssembler.Group group) {
        FrameGeometry first = group.frames().get(0);
        DicomObject d = first.instance().attributes();
        java.util.TreeSet<String> instances = new java.util.TreeSet<>();
        java.util.LinkedHashSet<Path> files = new java.util.LinkedHashSet<>();
        for (FrameGeometry f : group.frames()) {
            instances.add(f.instance().attributes().string(Tag.SOP_INSTANCE_UID) + "#" + f.frame());
            files.add(f.instance().file());
        }
        PixelFormat p = first.instance().pixelFormat();
        String key = ContentKeys.of("dicom", group.seriesUid(), String.join(",", instances));
        return new SeriesSummary(List.copyOf(files), "DICOM", d.string(Tag.PATIENT_ID), d.string(Tag.STUDY_INSTANCE_UID),
                group.seriesUid(), d.string(Tag.SERIES_DESCRIPTION), d.string(Tag.MODALITY),
                p.columns(), p.rows(), group.frames().size(), key);
    }

    /** Parsed headers: the frames of every image, and what was not an image or not readable. */
    private record Headers(List<FrameGeometry> frames, List<Failure> failures, List<Failure> skipped) {
    }

    private Headers readHeaders(Collection<Path> files, LoadMonitor monitor) {
        List<Failure> failures = new ArrayList<>();
        List<Failure> skipped = new ArrayList<>();
        List<FrameGeometry> frames = new ArrayList<>();
        for (Object header : readAll(List.copyOf(files), monitor)) {
            if (header instanceof BadInputException bad) {
                failures.add(Failure.of(bad));
            } else {
                DicomInstance instance = (DicomInstance) header;
                String why = notAnImage(instance);
                if (why != null) {
                    skipped.add(new Failure(instance.file(), why));
                } else {
                    frames.addAll(List.of(FrameGeometry.of(instance)));
                }
            }
        }
        return new Headers(frames, failures, skipped);
    }

    private static String notAnImage(DicomInstance instance) {
        if (DICOMDIR_SOP_CLASS.equals(instance.attributes().string(Tag.SOP_CLASS_UID))
                || instance.attributes().contains(Tag.DIRECTORY_RECORD_SEQUENCE)) {
            return DICOMDIR_SKIPPED;
        }
        if (!instance.hasPixelData()) {
            String modality = instance.attributes().string(Tag.MODALITY);
            return "no image in this DICOM object" + (modality.isEmpty() ? "" : " (modality " + modality + ")");
        }
        return null;
    }

    /** Each element is a {@link DicomInstance} or the {@link BadInputException} that explains the file. */
    private List<Object> readAll(List<Path> files, LoadMonitor monitor) {
        AtomicLong done = new AtomicLong();
        return Workers.await(() -> files.parallelStream().map(file -> {
                monitor.checkCancelled();
                Object result;
                try {
                    result = reader.read(file);
                } catch (BadInputException e) {
                    result = e;
                }
                monitor.progress(done.incrementAndGet(), files.size(), "Reading DICOM headers");
                return result;
            }).toList());
    }
}
