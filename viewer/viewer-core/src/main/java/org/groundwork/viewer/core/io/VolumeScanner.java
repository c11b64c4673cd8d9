package org.groundwork.viewer.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.ScanResult;
import org.groundwork.viewer.core.ScanResult.Failure;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.dicom.DicomInstance;
import org.groundwork.viewer.core.dicom.DicomObject;
import org.groundwork.viewer.core.dicom.DicomReader;
import org.groundwork.viewer.core.dicom.DicomSeriesLoader;
import org.groundwork.viewer.core.dicom.Tag;
import org.groundwork.viewer.core.nifti.NiftiReader;

/**
 * Finds and loads every volume under the given files and folders: NIfTI files by name, everything
 * else as DICOM (folders recursively; a DICOMDIR given directly is followed to the files it lists).
 */
public final class VolumeScanner {
    private final DicomReader dicomReader;

    public VolumeScanner(DicomReader dicomReader) {
        this.dicomReader = dicomReader;
    }

    public VolumeScanner() {
        this(DicomReader.builtIn());
    }

    public ScanResult scan(List<Path> paths, LoadMonitor monitor) {
        List<Failure> failures = new ArrayList<>();
        Found found = find(paths, failures);
        List<Volume> volumes = new ArrayList<>();
        for (Path file : found.nifti()) {
            monitor.checkCancelled();
            try {
                volumes.addAll(NiftiReader.read(file));
            } catch (BadInputException e) {
                failures.add(Failure.of(e));
            } catch (OutOfMemoryError e) {
                failures.add(new Failure(file, tooLarge())); // what was allocated for it is garbage now
            }
        }
        List<Failure> skipped = new ArrayList<>();
        if (!found.dicom().isEmpty()) {
            try {
                ScanResult dicom = new DicomSeriesLoader(dicomReader).load(found.dicom(), monitor);
                volumes.addAll(dicom.volumes());
                failures.addAll(dicom.failures());
                skipped.addAll(dicom.skipped());
            } catch (OutOfMemoryError e) {
                // The loader's partial work is dropped with it; every file it was given is named.
                String why = "not loaded: these DICOM files together are " + tooLarge();
                found.dicom().forEach(f -> failures.add(new Failure(f, why)));
            }
        }
        return new ScanResult(volumes, failures, skipped);
    }

    /** Why a load that ran out of heap was refused, in the user's terms. */
    static String tooLarge() {
        return "too large for the memory Groundwork may use (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB)";
    }

    /** Every series or NIfTI volume under the paths, from headers alone; for importing into a project. */
    public IndexResult index(List<Path> paths, LoadMonitor monitor) {
        List<Failure> failures = new ArrayList<>();
        Found found = find(paths, failures);
        List<SeriesSummary> series = new ArrayList<>();
        for (Path file : found.nifti()) {
            monitor.checkCancelled();
            try {
                series.add(NiftiReader.summarize(file));
            } catch (BadInputException e) {
                failures.add(Failure.of(e));
            }
        }
        List<Failure> skipped = new ArrayList<>();
        if (!found.dicom().isEmpty()) {
            IndexResult dicom = new DicomSeriesLoader(dicomReader).index(found.dicom(), monitor);
            series.addAll(dicom.series());
            failures.addAll(dicom.failures());
            skipped.addAll(dicom.skipped());
        }
        return new IndexResult(series, failures, skipped);
    }

    /** The files under the paths, NIfTI (by name) apart from the rest, which are tried as DICOM. */
    private record Found(List<Path> nifti, List<Path> dicom) {
    }

    private Found find(List<Path> paths, List<Failure> failures) {
        List<Path> all = new ArrayList<>();
        for (Path path : paths) {
            collect(path, all, failures);
        }
        List<Path> nifti = new ArrayList<>();
        List<Path> dicom = new ArrayList<>();
        for (Path file : all) {
            (NiftiReader.isNiftiName(file) ? nifti : dicom).add(file);
        }
        return new Found(nifti, dicom);
    }

    private void collect(Path path, List<Path> files, List<Failure> failures) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                failures.add(new Failure(path, "the folder could not be listed completely (" + e.getMessage() + ")"));
            }
        } else if (!Files.exists(path)) {
            failures.add(new Failure(path, "does not exist"));
        } else if (path.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
            files.addAll(referencedFiles(path, failures));
        } else {
            files.add(path);
        }
    }

    /** Files listed by a DICOMDIR, resolved relative to its folder. */
    private List<Path> referencedFiles(Path dicomdir, List<Failure> failures) {
        List<Path> listed = new ArrayList<>();
        try {
            DicomInstance index = dicomReader.read(dicomdir);
            Path base = dicomdir.toAbsolutePath().getParent();
            for (DicomObject record : index.attributes().sequence(Tag.DIRECTORY_RECORD_SEQUENCE)) {
                String id = record.string(Tag.REFERENCED_FILE_ID);
                if (!id.isEmpty()) {
                    Path file = base;
                    for (String part : id.split("\\\\")) {
                        file = file.resolve(part.trim());
                    }
                    if (!file.normalize().startsWith(base)) {
                        failures.add(new Failure(dicomdir, "lists a file outside its folder: " + id));
                    } else {
                        listed.add(file);
                    }
                }
            }
            if (listed.isEmpty()) {
                failures.add(new Failure(dicomdir, "the DICOMDIR lists no files"));
            }
        } catch (BadInputException e) {
            failures.add(Failure.of(e));
        }
        return listed;
    }
}
