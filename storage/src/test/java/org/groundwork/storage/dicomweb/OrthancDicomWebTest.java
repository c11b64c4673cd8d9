package org.groundwork.storage.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.groundwork.storage.ProjectStore;
import org.groundwork.storage.SqliteProjectStore;
import org.groundwork.viewer.core.Affine;
import org.groundwork.viewer.core.LoadMonitor;
import org.groundwork.viewer.core.Volume;
import org.groundwork.viewer.core.VolumeInfo;
import org.groundwork.viewer.core.VoxelData;
import org.groundwork.viewer.core.VoxelType;
import org.groundwork.viewer.core.dicom.DicomSeriesWriter;
import org.groundwork.viewer.core.io.VolumeScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Orthanc with its DICOMweb plugin: search by patient, date, modality and
 * accession; retrieve a series into the cache voxel for voxel; import it as a case that remembers
 * its server, and retrieve it again on a workstation whose cache does not have it. Sign-in errors
 * and an unreachable server are reported without the password.
 */
@Tag("servers")
class OrthancDicomWebTest {
    private static final int NX = 48, NY = 40, NZ = 12;
    private static OrthancServer orthanc;
    private static Volume original;
    private static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startOrthanc() throws Exception {
        assumeTrue(OrthancServer.installed(), "Debian's orthanc and orthanc-dicomweb are not installed");
        shared = Files.createTempDirectory("groundwork-orthanc");
        orthanc = new OrthancServer(shared);
        VoxelData.UInt16 data = (VoxelData.UInt16) VoxelData.allocate(VoxelType.UINT16, NX * NY * NZ);
        Random random = new Random(5);
        for (int n = 0; n < data.values().length; n++) {
            data.values()[n] = (short) random.nextInt(4000);
        }
        original = new Volume(NX, NY, NZ, data, Affine.of(0.5, 0, 0, -12, 0, 0.5, 0, -10, 0, 0, 3, -18, 0, 0, 0, 1), 1, 0,
                VolumeInfo.of("pacs test", "MR", "none"), List.of());
        DicomSeriesWriter.Series series = new DicomSeriesWriter.Series("Pacs^Test", "PACS042", "19700101", "F",
                "ACC777", "Test Hospital", "", "20240315", "101500", "Knee MRI", DicomSeriesWriter.uid("pacs-study"),
                "sag PD", 3, DicomSeriesWriter.uid("pacs-series"), DicomSeriesWriter.uid("pacs-frame"), "KNEE", "R");
        for (Path file : DicomSeriesWriter.write(original, series, shared.resolve("upload"))) {
            orthanc.upload(file);
        }
    }

    @AfterAll
    static void stopOrthanc() throws Exception {
        if (orthanc != null) {
            orthanc.close();
            PacsCache.deleteTree(shared);
        }
    }

    private static DicomWebClient client() {
        return new DicomWebClient(new PacsServer(orthanc.dicomWebRoot(),
                new PacsServer.Basic(OrthancServer.USER, OrthancServer.PASSWORD)));
    }

    @Test
    void studiesAreFoundByPatientDateModalityAndAccession() throws Exception {
        DicomWebClient pacs = client();
        List<PacsStudy> all = pacs.searchStudies(StudyQuery.ALL);
        assertEquals(1, all.size());
        PacsStudy study = all.get(0);
        assertEquals("PACS042", study.patientId());
        assertEquals("Pacs^Test", study.patientName());
        assertEquals("20240315", study.date());
        assertEquals("ACC777", study.accession());
        assertEquals("MR", study.modalities());
        assertEquals(1, pacs.searchStudies(new StudyQuery("PACS04*", "20240101", "20241231", "MR", "ACC777")).size());
        assertEquals(0, pacs.searchStudies(new StudyQuery("OTHER", "", "", "", "")).size());
        assertEquals(0, pacs.searchStudies(new StudyQuery("", "20250101", "", "", "")).size());
        assertEquals(0, pacs.searchStudies(new StudyQuery("", "", "", "CT", "")).size());
        List<PacsSeries> series = pacs.searchSeries(study.studyUid());
        assertEquals(1, series.size());
        assertEquals(DicomSeriesWriter.uid("pacs-series"), series.get(0).seriesUid());
        assertEquals(NZ, series.get(0).instances());
        assertEquals("sag PD", series.get(0).description());
    }

    @Test
    void aRetrievedSeriesIsTheSameVolumeAndEachFileIsNamedByItsUid() throws Exception {
        DicomWebClient pacs = client();
        PacsSeries series = pacs.searchSeries(pacs.searchStudies(StudyQuery.ALL).get(0).studyUid()).get(0);
        PacsCache cache = new PacsCache(tmp.resolve("cache"), PacsCache.DEFAULT_LIMIT);
        int[] reported = {0};
        Path folder = pacs.retrieveSeries(series, cache, new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                reported[0] = (int) done;
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        assertEquals(NZ, reported[0]);
        try (var files = Files.list(folder)) {
            assertEquals(NZ, files.filter(f -> f.getFileName().toString().matches("[0-9.]+\\.dcm")).count());
        }
        // Asked again, the complete series comes from the cache: nothing is written.
        java.nio.file.attribute.FileTime written = newestInstance(folder);
        Thread.sleep(20);
        assertEquals(folder, pacs.retrieveSeries(series, cache, LoadMonitor.NONE));
        assertEquals(written, newestInstance(folder));
        assertEquals(NZ, cache.instancesIn(series.seriesUid()));
        Volume back = new VolumeScanner().scan(List.of(folder), LoadMonitor.NONE).volumes().get(0);
        assertEquals(NX * NY * NZ, back.data().length());
        for (int n = 0; n < back.data().length(); n++) {
            assertEquals(original.data().get(n), back.data().get(n), "voxel " + n);
        }
    }

    private static java.nio.file.attribute.FileTime newestInstance(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).max(java.util.Comparator.naturalOrder()).orElseThrow();
        }
    }

    @Test
    void anImportedSeriesIsACaseThatAnotherWorkstationRetrievesAgain() throws Exception {
        DicomWebClient pacs = client();
        PacsSeries series = pacs.searchSeries(pacs.searchStudies(StudyQuery.ALL).get(0).studyUid()).get(0);
        PacsCache here = new PacsCache(tmp.resolve("cache-here"), PacsCache.DEFAULT_LIMIT);
        long caseId;
        try (SqliteProjectStore store = SqliteProjectStore.openOrCreate(tmp.resolve("project"))) {
            PacsImport.Result result = PacsImport.importSeries(store, pacs, here, List.of(series), LoadMonitor.NONE);
            assertEquals(1, result.report().newCases());
            caseId = result.cases().get(0);
            assertEquals(List.of(new ProjectStore.RemoteSeries(orthanc.dicomWebRoot().toString(), series.studyUid(),
                    series.seriesUid())), store.remoteSeries(caseId));
            assertTrue(store.imageFiles(caseId).stream().allMatch(Files::isRegularFile));
        }
        // Another workstation: the project without this cache.
        PacsCache.deleteTree(here.root());
        PacsCache there = new PacsCache(tmp.resolve("cache-there"), PacsCache.DEFAULT_LIMIT);
        try (SqliteProjectStore store = SqliteProjectStore.open(tmp.resolve("project"), SqliteProjectStore.Mode.READ_WRITE)) {
            assertFalse(store.imageFiles(caseId).stream().allMatch(Files::isRegularFile));
            assertTrue(PacsImport.restoreMissing(store, caseId, pacs, there, LoadMonitor.NONE));
            List<Path> files = store.imageFiles(caseId);
            assertEquals(NZ, files.size());
            assertTrue(files.stream().allMatch(f -> Files.isRegularFile(f) && f.startsWith(there.root())), files.toString());
            assertFalse(PacsImport.restoreMissing(store, caseId, pacs, there, LoadMonitor.NONE), "nothing missing now");
        }
    }

    @Test
    void aWrongPasswordOrNoServerIsSaidPlainlyAndThePasswordIsNeverShown() {
        DicomWebClient wrong = new DicomWebClient(new PacsServer(orthanc.dicomWebRoot(),
                new PacsServer.Basic(OrthancServer.USER, "not-the-password")));
        PacsException e = assertThrows(PacsException.class, () -> wrong.searchStudies(StudyQuery.ALL));
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("user name and password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        DicomWebClient nobody = new DicomWebClient(new PacsServer(URI.create("http://127.0.0.1:1/dicom-web"),
                new PacsServer.Basic(OrthancServer.USER, OrthancServer.PASSWORD)));
        PacsException down = assertThrows(PacsException.class, () -> nobody.searchStudies(StudyQuery.ALL));
        assertTrue(down.getMessage().contains("cannot connect"), down.getMessage());
        assertFalse(down.getMessage().contains(OrthancServer.PASSWORD), down.getMessage());
    }
}
