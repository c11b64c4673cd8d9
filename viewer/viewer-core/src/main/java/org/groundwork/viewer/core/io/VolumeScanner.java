package org.groundwork.viewer.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.groundwork.viewer.core.BadInputException;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.MemoryBudget;
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
        List<Failure> skipped = new ArrayList<>();
        Found found = find(paths, failures, skipped);
        List<Volume> volumes = new ArrayList<>();
        List<ScanResult.Read> read = new ArrayList<>();
        for (Path file : found.nifti()) {
            monitor.checkCancelled();
            try {
                for (Volume v : NiftiReader.read(file)) {
                    read.add(new ScanResult.Read(file, volumes.size()));
                    volumes.add(v);
                }
            } catch (BadInputException e) {
                failures.add(Failure.of(e));
            } catch (OutOfMemoryError e) {
                failures.add(new Failure(file, MemoryBudget.tooLarge())); // what was allocated for it is garbage now
            }
        }
        ScanResult result = new ScanResult(volumes, read, failures, skipped);
        if (found.dicom().isEmpty()) {
            return result;
        }
        try {
            return result.plus(new DicomSeriesLoader(dicomReader).load(found.dicom(), monitor));
        } catch (OutOfMemoryError e) {
            // Out of memory while holding the headers of all files: every one of them is named.
            String why = "not loaded: these DICOM files together are " + MemoryBudget.tooLarge();
            return result.plus(new ScanResult(List.of(), List.of(),
                    found.dicom().stream().map(f -> new Failure(f, why)).toList(), List.of()));
        }
    }

    /** Every series or NIfTI volume under the paths, from headers alone; for importing into a project. */
    public IndexResult index(List<Path> paths, LoadMonitor monitor) {
        List<Failure> failures = new ArrayList<>();
        List<Failure> skipped = new ArrayList<>();
        Found found = find(paths, failures, skipped);
        List<SeriesSummary> series = new ArrayList<>();
        for (Path file : found.nifti()) {
            monitor.checkCancelled();
            try {
                series.add(NiftiReader.summarize(file));
            } catch (BadInputException e) {
                failures.add(Failure.of(e));
            }
        }
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

    private Found find(List<Path> paths, List<Failure> failures, List<Failure> skipped) {
        List<Path> all = new ArrayList<>();
        for (Path path : paths) {
            collect(path, all, failures, skipped);
        }
        // A file given twice (itself and in its folder) is read once.
        Map<Path, Path> once = new LinkedHashMap<>();
        all.forEach(f -> once.putIfAbsent(f.toAbsolutePath().normalize(), f));
        List<Path> nifti = new ArrayList<>();
        List<Path> dicom = new ArrayList<>();
        for (Path file : once.values()) {
            (NiftiReader.isNiftiName(file) ? nifti : dicom).add(file);
        }
        return new Found(nifti, dicom);
    }

    private void collect(Path path, List<Path> files, List<Failure> failures, List<Failure> skipped) {
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
            List<Path> listed = referencedFiles(path, failures);
            if (!listed.isEmpty()) {
                skipped.add(new Failure(path, DicomSeriesLoader.DICOMDIR_SKIPPED));
            }
            files.addAll(listed);
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
