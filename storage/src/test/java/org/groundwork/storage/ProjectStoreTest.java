package org.groundwork.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.groundwork.annotate.core.project.Box;
import org.groundwork.annotate.core.project.CaseRecord;
import org.groundwork.annotate.core.project.CaseStatus;
import org.groundwork.annotate.core.project.Edit;
import org.groundwork.annotate.core.project.ProjectException;
import org.groundwork.annotate.core.project.Provenance;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.testing.DicomFileBuilder;
import org.groundwork.viewer.core.testing.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectStoreTest {
    @TempDir
    Path tmp;

    static Box box(String id, long caseId, int k) {
        return new Box(id, caseId, "femur-medial", "BML", new int[] {1, 2, k}, new int[] {5, 6, k + 3},
                Provenance.human("dr.a", Instant.parse("2026-11-28T10:00:00Z")));
    }

    /** Two patients' series (two studies), plus one unreadable file. */
    Path data() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticSeries.write(data.resolve("p1/s1"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.1", 6, 5, 4,
                new double[] {0, 0, 0}, SyntheticSeries.AXIAL, new double[] {1, 1, 1});
        SyntheticSeries.write(data.resolve("p1/s2"), DicomFileBuilder.EXPLICIT_LE, "1.2.3.2", 6, 5, 3,
                new double[] {0, 0, 0}, SyntheticSeries.SAGITTAL, new double[] {1, 1, 1});
        Files.writeString(data.resolve("p1/notes.txt"), "not an image");
        return data;
    }

    @Test
    void casesToLearnFromCountBoxesOfARegionThatAReaderDrewOrAccepted() throws Exception {
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(tmp.resolve("learn"))) {
            ProjectSeeder.seed(store, 3, 2);
            assertEquals(3, store.casesToLearnFrom());
            long first = store.cases().get(0).id();
            for (Box b : store.annotations(first).boxes()) {
                store.apply(new Edit.DeleteBox(first, b.id()), "dr.a");
            }
            assertEquals(2, store.casesToLearnFrom());
            Instant at = Instant.parse("2026-12-01T08:00:00Z");
            store.apply(new Edit.PutBox(new Box("no-region", first, null, "a note", new int[3], new int[] {2, 2, 2},
                    Provenance.human("dr.a", at))), "dr.a");
            store.apply(new Edit.PutBox(new Box("rejected", first, "acl", null, new int[3], new int[] {2, 2, 2},
                    new Provenance("dr.a", at, Provenance.Origin.MODEL_REJECTED, "atlas-prior", "ab"))), "dr.a");
            assertEquals(2, store.casesToLearnFrom(), "no region, or a rejected proposal's box, teaches nothing");
            store.apply(new Edit.PutBox(new Box("accepted", first, "acl", null, new int[3], new int[] {2, 2, 2},
                    new Provenance("dr.a", at, Provenance.Origin.MODEL, "atlas-prior", "ab"))), "dr.a");
            assertEquals(3, store.casesToLearnFrom());
        }
    }

    @Test
    void importCreatesOneCasePerVolumeIsIdempotentAndReportsUnreadableFiles() throws Exception {
        Path data = data();
        Path project = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.Report first = ProjectImporter.importFolders(store, List.of(data),
                    ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
            assertEquals(2, first.newCases());
            assertEquals(2, first.newImages());
            assertEquals(1, first.unreadable().size());
            assertTrue(first.unreadable().get(0).file().endsWith("notes.txt"));

            ProjectImporter.Report again = ProjectImporter.importFolders(store, List.of(data),
                    ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
            assertEquals(0, again.newCases());
            assertEquals(2, again.alreadyPresent());
            assertEquals(2, store.cases().size());
            CaseRecord c = store.cases().get(0);
            assertEquals("Synthetic knee", c.label());
            assertEquals("P001", c.patientKey());
            assertEquals(CaseStatus.TODO, c.status());
            assertEquals(4, DataRoots.filesOfCase(store, c.id()).size());
        }
    }

    @Test
    void studyGroupingPutsASeriesOfTheSameStudyInOneCase() throws Exception {
        Path data = data();
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(tmp.resolve("project"))) {
            ProjectImporter.Report report = ProjectImporter.importFolders(store, List.of(data),
                    ProjectImporter.Grouping.STUDY, LoadMonitor.NONE);
            assertEquals(1, report.newCases());
            assertEquals(2, report.newImages());
            assertEquals(7, DataRoots.filesOfCase(store, store.cases().get(0).id()).size());
        }
    }

    @Test
    void editsAreThereAfterReopeningWithTheirAuthorAndAuditRows() throws Exception {
        Path project = tmp.resolve("project");
        long caseId;
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.importFolders(store, List.of(data()), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
            caseId = store.cases().get(0).id();
            store.apply(new Edit.PutBox(box("b1", caseId, 0)), "dr.a");
            store.apply(new Edit.PutBox(box("b2", caseId, 1)), "dr.a");
            store.apply(new Edit.PutBox(box("b1", caseId, 2)), "dr.b"); // moved
            store.apply(new Edit.DeleteBox(caseId, "b2"), "dr.b");
            store.apply(new Edit.SetCaseStatus(caseId, CaseStatus.DONE), "dr.b");
            store.apply(new Edit.AssignCase(caseId, "dr.b"), "dr.b");
            store.apply(new Edit.AddActiveTime(caseId, 95), "dr.b");
        }
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            assertEquals(List.of(box("b1", caseId, 2)), store.annotations(caseId).boxes());
            CaseRecord c = store.cases().get(0);
            assertEquals(CaseStatus.DONE, c.status());
            assertEquals("dr.b", c.assignee());
            assertEquals(95, c.activeSeconds());
            var summary = store.summary();
            assertEquals(2, summary.cases());
            assertEquals(1, summary.byStatus().get(CaseStatus.DONE));
            assertEquals(2, summary.editsByUser().get("dr.a"));
            assertEquals(5, summary.editsByUser().get("dr.b"));
            assertEquals(1, summary.boxes());
        }
    }

    @Test
    void theAuditLogCannotBeRewritten() throws Exception {
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(tmp.resolve("project"))) {
            ProjectImporter.importFolders(store, List.of(data()), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
            store.apply(new Edit.SetCaseStatus(store.cases().get(0).id(), CaseStatus.DONE), "dr.a");
            for (String sql : List.of("UPDATE audit_log SET user = 'someone else'", "DELETE FROM audit_log")) {
                try (var s = store.connection().createStatement()) {
                    java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> s.executeUpdate(sql));
                    assertTrue(e.getMessage().contains("append-only"), e.getMessage());
                }
            }
            assertEquals(1, store.summary().editsByUser().get("dr.a"));
        }
    }

    @Test
    void anEditOfAMissingCaseIsRefusedAndLeavesNoTrace() throws Exception {
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(tmp.resolve("project"))) {
            ProjectException e = assertThrows(ProjectException.class,
                    () -> store.apply(new Edit.PutBox(box("x", 999, 0)), "dr.a"));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            assertEquals(0, store.summary().editsByUser().size());
        }
    }

    @Test
    void readOnlyOpenSeesEverythingAndRefusesEdits() throws Exception {
        Path project = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.importFolders(store, List.of(data()), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
        }
        try (SqliteProjectStore reader = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_ONLY)) {
            assertTrue(reader.readOnly());
            assertEquals(2, reader.cases().size());
            long id = reader.cases().get(0).id();
            assertThrows(IllegalStateException.class, () -> reader.apply(new Edit.SetCaseStatus(id, CaseStatus.DONE), "x"));
        }
    }

    @Test
    void aMovedDataRootIsRepointedAndEveryFileIsFoundAgain() throws Exception {
        Path data = data();
        Path project = tmp.resolve("project");
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(project)) {
            ProjectImporter.importFolders(store, List.of(data), ProjectImporter.Grouping.VOLUME, LoadMonitor.NONE);
        }
        Path moved = tmp.resolve("moved-data");
        Files.move(data, moved);
        try (SqliteProjectStore store = SqliteProjectStore.open(project, SqliteProjectStore.Mode.READ_WRITE)) {
            DataRoots.DataRoot root = DataRoots.list(store).get(0);
            assertEquals(7, root.missing());
            ProjectException wrong = assertThrows(ProjectException.class,
                    () -> DataRoots.relocate(store, root.path(), tmp.resolve("elsewhere")));
            assertTrue(wrong.getMessage().contains("was not changed"), wrong.getMessage());
            DataRoots.relocate(store, root.path(), moved);
            assertEquals(0, DataRoots.list(store).get(0).missing());
            for (Path f : DataRoots.filesOfCase(store, store.cases().get(0).id())) {
                assertTrue(Files.exists(f), f.toString());
            }
            // and the moved data is still recognised as the same images
            assertEquals(2, ProjectImporter.importFolders(store, List.of(moved), ProjectImporter.Grouping.VOLUME,
                    LoadMonitor.NONE).alreadyPresent());
        }
    }

    @Test
    void openingAFolderThatIsNoProjectSaysSo() {
        ProjectException e = assertThrows(ProjectException.class,
                () -> SqliteProjectStore.open(tmp, SqliteProjectStore.Mode.READ_WRITE));
        assertTrue(e.getMessage().contains("is not a Groundwork project"), e.getMessage());
    }
}
