package org.groundwork.storage.dicomweb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.storage.DataRoots;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.ProjectStore;
import org.groundwork.viewer.core.LoadMonitor;

/**
 * Brings PACS series into a project: retrieved into the cache, imported like a folder (one case per
 * series), and recorded as coming from that server, so that where the cached files are missing
 * (another workstation, an evicted series) the case's images are retrieved again.
 */
public final class PacsImport {
    private PacsImport() {
    }

    /** What an import did: the import report and the cases of the series. */
    public record Result(ProjectImporter.Report report, List<Long> cases, List<String> evicted) {
    }

    /** Retrieves the series and imports them: {@link #retrieve} then {@link #importRetrieved}. */
    public static Result importSeries(ProjectStore store, DicomWebClient client, PacsCache cache,
                                      List<PacsSeries> series, LoadMonitor monitor)
            throws PacsException, ProjectException {
        return importRetrieved(store, client.server(), cache, series, retrieve(client, cache, series, monitor), monitor);
    }

    /** The network half: every series into the cache; returns their folders, in order. */
    public static List<Path> retrieve(DicomWebClient client, PacsCache cache, List<PacsSeries> series,
                                      LoadMonitor monitor) throws PacsException {
        List<Path> folders = new java.util.ArrayList<>();
        for (PacsSeries s : series) {
            folders.add(client.retrieveSeries(s, cache, monitor));
        }
        return folders;
    }

    /**
     * The project half (on the store's thread): imports retrieved folders, one case per series,
     * records where each came from, and trims the cache (never evicting these series).
     */
    public static Result importRetrieved(ProjectStore store, PacsServer server, PacsCache cache,
                                         List<PacsSeries> series, List<Path> folders, LoadMonitor monitor)
            throws ProjectException {
        ProjectImporter.Report report = ProjectImporter.importFolders(store, folders, ProjectImporter.Grouping.VOLUME,
                monitor);
        List<Long> cases = new java.util.ArrayList<>();
        for (int n = 0; n < series.size(); n++) {
            Long caseId = caseOf(report, folders.get(n));
            if (caseId != null) {
                PacsSeries s = series.get(n);
                store.recordRemoteSeries(caseId, new ProjectStore.RemoteSeries(server.root().toString(),
                        s.studyUid(), s.seriesUid()));
                cases.add(caseId);
            }
        }
        List<String> evicted = cache.evictQuietly(Set.copyOf(series.stream().map(PacsSeries::seriesUid).toList()));
        return new Result(report, cases, evicted);
    }

    /** The case's image files as this workstation has them, its PACS series looked for in {@code cache}. */
    public static List<Path> localFiles(ProjectStore store, long caseId, PacsCache cache) throws ProjectException {
        return cache.locate(store.imageFiles(caseId), seriesOf(store, caseId));
    }

    /** The Series Instance UIDs a case's images were retrieved from; empty for images imported from files. */
    public static Set<String> seriesOf(ProjectStore store, long caseId) {
        return uids(store.remoteSeries(caseId));
    }

    private static Set<String> uids(List<ProjectStore.RemoteSeries> remote) {
        return remote.stream().map(ProjectStore.RemoteSeries::seriesUid).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Retrieves a case's PACS series again where its files are missing here, into this
     * workstation's cache. A project in a folder is then pointed at the cache for good; a shared
     * project is left as it is (each workstation finds the files in its own cache, see
     * {@link ProjectStore#imageFiles}).
     *
     * @return whether anything was retrieved
     */
    public static boolean restoreMissing(ProjectStore store, long caseId, DicomWebClient client, PacsCache cache,
                                         LoadMonitor monitor) throws PacsException, ProjectException {
        List<ProjectStore.RemoteSeries> remote = store.remoteSeries(caseId);
        if (remote.isEmpty() || cache.locate(store.imageFiles(caseId), uids(remote)).stream().allMatch(Files::isRegularFile)) {
            return false;
        }
        for (ProjectStore.RemoteSeries r : remote) {
            if (!r.server().equals(client.server().root().toString())) {
                throw new PacsException(r.server() + ": this case's images are on that server; connect to it "
                        + "(File → Open from PACS…) and open the case again");
            }
            client.retrieveSeries(new PacsSeries(r.studyUid(), r.seriesUid(), "", 0, "", 0), cache, monitor);
        }
        if (store.sharedByTeam()) {
            return true;
        }
        // Each series was imported as its own data root, the cache folder named by its UID with the
        // instances directly in it: the folder of the case's files, as the project records them, is that root.
        List<Path> files = DataRoots.filesOfCase(store, caseId);
        for (Path root : new java.util.LinkedHashSet<>(files.stream().map(Path::getParent).toList())) {
            for (ProjectStore.RemoteSeries r : remote) {
                Path local = cache.folderOf(r.seriesUid()).toAbsolutePath().normalize();
                if (root.getFileName() != null && root.getFileName().toString().equals(r.seriesUid()) && !root.equals(local)) {
                    DataRoots.relocate(store, root, local);
                }
            }
        }
        return true;
    }

    private static Long caseOf(ProjectImporter.Report report, Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        return report.caseOfFile().entrySet().stream().filter(e -> e.getKey().startsWith(root))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }
}
