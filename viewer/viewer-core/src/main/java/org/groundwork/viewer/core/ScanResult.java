package org.groundwork.viewer.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scan of files or folders found: the volumes that could be read, and every file that could
 * not, with the reason. Nothing is dropped silently.
 *
 * @param read every file that went into a volume
 * @param skipped files that were recognised and deliberately not loaded (DICOMDIR indexes, reports)
 */
public record ScanResult(List<Volume> volumes, List<Read> read, List<Failure> failures, List<Failure> skipped) {
    /** A file that could not be used, and why. */
    public record Failure(Path file, String reason) {
        public static Failure of(BadInputException e) {
            return new Failure(e.file(), e.reason());
        }
    }

    /** A file that went into the volume at {@code volume} in {@link #volumes()}. */
    public record Read(Path file, int volume) {
    }

    public ScanResult {
        volumes = List.copyOf(volumes);
        read = List.copyOf(read);
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }

    /** This scan followed by another: the other's volume numbers move past this one's. */
    public ScanResult plus(ScanResult other) {
        List<Volume> allVolumes = new ArrayList<>(volumes);
        allVolumes.addAll(other.volumes);
        List<Read> allRead = new ArrayList<>(read);
        other.read.forEach(r -> allRead.add(new Read(r.file(), r.volume() + volumes.size())));
        List<Failure> allFailures = new ArrayList<>(failures);
        allFailures.addAll(other.failures);
        List<Failure> allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(other.skipped);
        return new ScanResult(allVolumes, allRead, allFailures, allSkipped);
    }

    /** Every file met, once, with its outcome; volumes are numbered from 1 as the user sees them. */
    public List<FileOutcome> report() {
        return report(read.stream().map(r -> new FileOutcome(r.file(), FileOutcome.Kind.READ, "volume " + (r.volume() + 1)))
                .toList(), failures, skipped);
    }

    /** The files read, then those refused and skipped, one line per file. */
    public static List<FileOutcome> report(List<FileOutcome> read, List<Failure> failures, List<Failure> skipped) {
        List<FileOutcome> all = new ArrayList<>(read);
        failures.forEach(f -> all.add(new FileOutcome(f.file(), FileOutcome.Kind.UNREADABLE, f.reason())));
        skipped.forEach(f -> all.add(new FileOutcome(f.file(), FileOutcome.Kind.SKIPPED, f.reason())));
        return FileOutcome.onePerFile(all);
    }
}
