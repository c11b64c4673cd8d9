package org.groundwork.annotate.core.project;

import java.util.List;
import java.util.Map;

/** A project's cases and annotations, as the annotation tools see them; storage implements it. */
public interface ProjectRepository extends AutoCloseable {
    /** How the project is named in messages: its folder, or its server and database (never a password). */
    String name();

    /** A short name for titles. */
    String title();

    /** Where this workstation keeps the project's own files (trained models, reports). */
    java.nio.file.Path localFolder();

    List<CaseRecord> cases();

    /** Everything annotated on a case: boxes, questions, reasoning chains, grades and model proposals. */
    CaseAnnotations annotations(long caseId);

    /** The annotations of every case, by case id (for the worklist's completeness and for export). */
    Map<Long, CaseAnnotations> annotations();

    /** The protocol the project was created with. */
    org.groundwork.annotate.core.protocol.Protocol protocol();

    /**
     * Applies one edit durably: when this returns, the edit and its audit row are on disk and
     * survive a crash. Throws {@link IllegalStateException} for a read-only project.
     *
     * @param user who made the edit
     */
    void apply(Edit edit, String user) throws ProjectException;

    /** The files of a case's images where they are now (a moved data root re-pointed), in import order. */
    List<java.nio.file.Path> imageFiles(long caseId) throws ProjectException;

    /** The project's own secret from which export pseudonyms are derived; never leaves the project. */
    String pseudonymSecret() throws ProjectException;

    /** A project setting, e.g. {@link #BLIND_FIRST}; empty when never set. */
    java.util.Optional<String> setting(String key);

    void putSetting(String key, String value) throws ProjectException;

    /** Setting "true" or "false": model proposals stay hidden until the reader has drawn their own box. */
    String BLIND_FIRST = "assist.blind_first";

    /**
     * Each case's completeness without reading its annotations: case id to "" (all its readings) and
     * to each reader who answered, the share of complete questions (0 to 1).
     */
    Map<Long, Map<String, Double>> progress();

    /** The readers dealt to each case (see {@link Readings}); cases never assigned are absent. */
    Map<Long, List<String>> readerAssignments();

    /** Deals these readers to these cases, replacing what each had, in one transaction. */
    void assignReaders(Map<Long, List<String>> assignment) throws ProjectException;

    /**
     * Whether this session reads and writes every reader's answers. A reader of a shared project
     * reads and writes only their own (blind reading, enforced by the server).
     */
    default boolean seesAllAnswers() {
        return true;
    }

    /**
     * How many cases a model can learn from: those with a box of a region that a reader drew or
     * accepted (the box of a rejected proposal teaches nothing). Counted without reading annotations.
     */
    int casesToLearnFrom();

    /** The models trained on this project and the one promoted for suggestions. */
    ModelShelf modelShelf();

    /** Number of cases by status, and active seconds by user. */
    ProjectSummary summary();

    boolean readOnly();

    /**
     * Asks to hold a case for editing. A project in a folder has one writer, so the case is always
     * this session's; a shared project answers with the holder when another workstation has it.
     */
    default CaseLease lease(long caseId, String user) throws ProjectException {
        return new CaseLease(caseId, user, "this workstation", null, true);
    }

    /** Gives a case back for others to edit. */
    default void release(long caseId) {
    }

    /**
     * Calls {@code changed} with a case's id whenever another workstation changes it, until the
     * returned handle is closed; nothing is called for a project that only this session writes.
     */
    default AutoCloseable watch(java.util.function.LongConsumer changed) {
        return () -> { };
    }

    /** Whether edits reach the project now, and what waits or conflicts (see {@link SyncState}). */
    default SyncState sync() {
        return SyncState.LOCAL;
    }

    /** Calls {@code listener} (on a background thread) whenever {@link #sync()} changes, until closed. */
    default AutoCloseable watchSync(java.util.function.Consumer<SyncState> listener) {
        return () -> { };
    }

    @Override
    void close();

    /** Counts for {@code groundwork status}. */
    record ProjectSummary(int cases, Map<CaseStatus, Integer> byStatus, Map<String, Integer> editsByUser,
                          long activeSeconds, int boxes) {
    }
}
