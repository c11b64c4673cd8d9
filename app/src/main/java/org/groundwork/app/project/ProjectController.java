package org.groundwork.app.project;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import org.groundwork.annotate.core.project.AssistTrial;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.project.SyncState;
import org.groundwork.app.CurrentUser;
import org.groundwork.storage.PostgresProjectStore;
import org.groundwork.storage.ProjectImporter;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.app.concurrent.MonitoredTask;

/**
 * The open project of the main window. Every store call runs on one background thread, in order;
 * results come back to the FX thread through the tasks' handlers.
 */
public final class ProjectController implements AutoCloseable {
    private final ExecutorService storeThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "groundwork-store");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<ProjectStore> store = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<CaseRecord>> cases = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Map<Long, Double>> completeness = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyObjectWrapper<Map<Long, Map<String, Double>>> readerProgress = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyObjectWrapper<Set<Long>> withoutProposals = new ReadOnlyObjectWrapper<>(Set.of());
    private final java.util.concurrent.atomic.AtomicBoolean refreshPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean republishPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final ReadOnlyObjectWrapper<SyncState> sync = new ReadOnlyObjectWrapper<>(SyncState.LOCAL);
    /** The open project's watches on other workstations' changes and on its own sync; closed with it. */
    private final List<AutoCloseable> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ReadOnlyObjectProperty<ProjectStore> storeProperty() {
        return store.getReadOnlyProperty();
    }

    /** Whether a shared project's edits reach its server (always in step for a folder). */
    public ReadOnlyObjectProperty<SyncState> syncProperty() {
        return sync.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<CaseRecord>> casesProperty() {
        return cases.getReadOnlyProperty();
    }

    /** Share of complete questions per case id, for the worklist. */
    public ReadOnlyObjectProperty<Map<Long, Double>> completenessProperty() {
        return completeness.getReadOnlyProperty();
    }

    /** Per case with readers dealt to it or several readings: each reader's completeness, in dealt order. */
    public ReadOnlyObjectProperty<Map<Long, Map<String, Double>>> readerProgressProperty() {
        return readerProgress.getReadOnlyProperty();
    }

    /** The cases the project's assist trial reads without model proposals; empty when it runs none. */
    public ReadOnlyObjectProperty<Set<Long>> withoutProposalsProperty() {
        return withoutProposals.getReadOnlyProperty();
    }

    /** Runs {@code work} on the store thread, after everything submitted before it. */
    public <T> Task<T> submit(Callable<T> work) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        if (!storeThread.isShutdown()) { // after close() nothing more is written; the task never runs
            storeThread.execute(task);
        }
        return task;
    }

    /**
     * Reads the case list again (after a status change, an assignment, active time); completeness
     * is kept, the open case's being updated by {@link #updateCompleteness}. Calls made while one is
     * waiting are folded into it.
     */
    public void refreshCases() {
        readOnStoreThread(refreshPending, open -> {
            List<CaseRecord> list = open.cases();
            Platform.runLater(() -> {
                if (store.get() == open) {
                    cases.set(list);
                }
            });
        });
    }

    /**
     * Reads the open project on the store thread; a call made while one waits is folded into it. A
     * shared project's server that is away leaves what is shown as it is: the status bar says so,
     * and its change listener asks again when the server is back.
     */
    private void readOnStoreThread(java.util.concurrent.atomic.AtomicBoolean pending,
                                   java.util.function.Consumer<ProjectStore> read) {
        ProjectStore open = store.get();
        if (open != null && !storeThread.isShutdown() && pending.compareAndSet(false, true)) {
            storeThread.execute(() -> {
                pending.set(false);
                try {
                    read.accept(open);
                } catch (IllegalStateException unreadable) {
                    // the server is away (see above)
                }
            });
        }
    }

    /** The open case's completeness after an edit, known from its editor without reading the store. */
    public void updateCompleteness(long caseId, double share) {
        Map<Long, Double> shares = new HashMap<>(completeness.get());
        shares.put(caseId, share);
        completeness.set(shares);
    }

    /**
     * Reads every case's completeness and readers again, e.g. after readers were dealt or another
     * workstation changed a case; calls made while one is waiting are folded into it.
     */
    public void republish() {
        readOnStoreThread(republishPending, open -> publishCases(open, open.cases()));
    }

    /** One reader's completeness of the open case after their edit, for the worklist's readers line. */
    public void updateReaderProgress(long caseId, String reader, double share) {
        Map<String, Double> before = readerProgress.get().get(caseId);
        if (before == null) {
            return; // a case read by one reader shows no readers line
        }
        Map<Long, Map<String, Double>> all = new HashMap<>(readerProgress.get());
        Map<String, Double> now = new java.util.LinkedHashMap<>(before);
        now.put(reader, share);
        all.put(caseId, now);
        readerProgress.set(all);
    }

    /**
     * Sets the cases and their completeness on the FX thread; call on the store thread. The store keeps
     * each case's completeness with its edits, so this is one query, not a read of every annotation.
     */
    private void publishCases(ProjectStore from, List<CaseRecord> list) {
        Map<Long, Double> shares = new HashMap<>();
        Map<Long, Map<String, Double>> byReader = new HashMap<>();
        Map<Long, List<String>> dealt = from.readerAssignments();
        from.progress().forEach((id, progress) -> {
            shares.put(id, progress.getOrDefault("", 0.0));
            java.util.LinkedHashSet<String> readers = new java.util.LinkedHashSet<>(dealt.getOrDefault(id, List.of()));
            progress.keySet().stream().filter(r -> !r.isEmpty()).forEach(readers::add);
            if (readers.size() > 1 || dealt.containsKey(id)) {
                Map<String, Double> each = new java.util.LinkedHashMap<>();
                readers.forEach(r -> each.put(r, progress.getOrDefault(r, 0.0)));
                byReader.put(id, each);
            }
        });
        Set<Long> trialWithout = trialArmWithout(from, list);
        Platform.runLater(() -> {
            if (store.get() == from) {
                completeness.set(shares);
                readerProgress.set(byReader);
                withoutProposals.set(trialWithout);
                cases.set(list);
            }
        });
    }

    private static Set<Long> trialArmWithout(ProjectStore from, List<CaseRecord> list) {
        try {
            return AssistTrial.of(from).map(trial -> list.stream().map(CaseRecord::id)
                    .filter(id -> !trial.withProposals(id)).collect(Collectors.toSet())).orElse(Set.of());
        } catch (ProjectException e) {
            return Set.of(); // the secret unreadable: the worklist shows no arm, suggesting still checks
        }
    }

    /** Opens (or creates, when the folder holds no project yet) a project, closing the one open before. */
    public Task<ProjectStore> open(Path folder, SqliteProjectStore.Mode mode) {
        return open(folder, mode, SqliteProjectStore.defaultProtocol());
    }

    /** As {@link #open(Path, SqliteProjectStore.Mode)}; a project created now gets {@code protocol}. */
    public Task<ProjectStore> open(Path folder, SqliteProjectStore.Mode mode, Protocol protocol) {
        return opening(folder.toString(), () -> {
            boolean exists = java.nio.file.Files.exists(folder.resolve(SqliteProjectStore.DATABASE));
            return exists || mode == SqliteProjectStore.Mode.READ_ONLY
                    ? SqliteProjectStore.open(folder, mode) : SqliteProjectStore.openOrCreate(folder, protocol);
        });
    }

    /**
     * Opens a shared project on a server ({@code postgresql://user@host:port/database}); its user
     * is who reads and edits, as the server knows them.
     */
    public Task<ProjectStore> openShared(String address) {
        return opening(address, () -> {
            ProjectStore opened = ProjectStore.open(address, false);
            if (opened instanceof PostgresProjectStore shared) {
                CurrentUser.readAs(shared.location().user());
            }
            return opened;
        });
    }

    private Task<ProjectStore> opening(String what, Callable<ProjectStore> open) {
        Task<ProjectStore> task = new Task<>() {
            @Override
            protected ProjectStore call() throws Exception {
                updateMessage("Opening " + what + "…");
                ProjectStore opened = open.call();
                List<CaseRecord> list = opened.cases();
                SyncState openedSync = opened.sync(); // reads the offline journal: not on the FX thread
                Platform.runLater(() -> {
                    ProjectStore previous = store.get();
                    stopWatching();
                    store.set(opened);
                    cases.set(list);
                    sync.set(openedSync);
                    watch(opened);
                    if (previous != null) {
                        storeThread.execute(previous::close);
                    }
                });
                publishCases(opened, list);
                updateMessage("Opened " + opened.title() + (opened.readOnly() ? " read-only" : "")
                        + ": " + list.size() + " case(s)");
                return opened;
            }
        };
        storeThread.execute(task);
        return task;
    }

    /** Follows other workstations' changes (the worklist is read again) and the project's sync state. */
    private void watch(ProjectStore opened) {
        watches.add(opened.watch(caseId -> republish()));
        watches.add(opened.watchSync(state -> Platform.runLater(() -> {
            if (store.get() == opened) {
                sync.set(state);
            }
        })));
    }

    private void stopWatching() {
        for (AutoCloseable w : watches) {
            try {
                w.close();
            } catch (Exception ignored) {
                // a watch thread that is already gone
            }
        }
        watches.clear();
    }

    /** Imports folders into the open project with progress, then refreshes the cases. */
    public Task<ProjectImporter.Report> importFolders(List<Path> folders) {
        ProjectStore target = store.get();
        Task<ProjectImporter.Report> task = new MonitoredTask<>() {
            @Override
            protected ProjectImporter.Report call() throws Exception {
                updateMessage("Importing " + folders.get(0).getFileName() + "…");
                updateProgress(-1, 1);
                ProjectImporter.Report report = ProjectImporter.importFolders(target, folders,
                        ProjectImporter.Grouping.VOLUME, monitor());
                publishCases(target, target.cases());
                updateMessage("Imported " + report.newCases() + " new case(s); " + report.alreadyPresent()
                        + " image(s) were already there; " + report.unreadable().size() + " file(s) unreadable");
                return report;
            }
        };
        storeThread.execute(task);
        return task;
    }

    /** Imports a dataset made elsewhere into the open project as readings to review (File → Import Dataset…). */
    public Task<DatasetImport.Report> importDataset(Path dataset, org.groundwork.dataset.importer.DatasetFormat format) {
        ProjectStore target = store.get();
        Task<DatasetImport.Report> task = new MonitoredTask<>() {
            @Override
            protected DatasetImport.Report call() throws Exception {
                updateMessage("Importing the dataset " + dataset.getFileName() + "…");
                updateProgress(-1, 1);
                DatasetImport.Report report = DatasetImport.run(target, dataset, format, monitor());
                publishCases(target, target.cases());
                updateMessage("Imported " + report.written().readings() + " reading(s) from " + dataset.getFileName());
                return report;
            }
        };
        storeThread.execute(task);
        return task;
    }

    @Override
    public void close() {
        stopWatching();
        ProjectStore open = store.get();
        if (open != null) {
            storeThread.execute(open::close);
        }
        storeThread.shutdown();
        try {
            storeThread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
