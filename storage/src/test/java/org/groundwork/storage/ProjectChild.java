package org.groundwork.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groundwork.annotate.core.project.Edit;

/**
 * A second Groundwork process for the crash and lock tests.
 * {@code edits DIR PREFIX}: applies box edits forever, printing "ack N" after each one returns.
 * {@code hold DIR}: opens the project, prints "open" and waits to be killed.
 * {@code lease URL CASE MILLIS}: opens a shared project (the password file in the system property
 * {@code groundwork.pgpass}), holds the case with leases of MILLIS, prints "held" and waits to be killed.
 * {@code offline URL CASE}: opens a shared project, holds the case, prints "open", waits for a line
 * on its input (the server is stopped meanwhile), then boxes the case forever, printing "ack N".
 * {@code pacs URL CASE DICOMWEB USER PASSWORD CACHE}: a second workstation of a shared project whose
 * case came from a PACS: holds the case, retrieves its series into its own cache, prints "ready N"
 * (N of the case's image files it finds here), and after a line on its input boxes the case 30 times ("ack N"), waits until
 * every edit is on the server and prints "done".
 */
public final class ProjectChild {
    private ProjectChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("lease")) {
            PostgresProjectStore shared = PostgresProjectStore.open(PostgresLocation.parse(args[1]), false,
                    java.time.Duration.ofMillis(Long.parseLong(args[3])));
            System.out.println(shared.lease(Long.parseLong(args[2]), "dr.child").mine() ? "held" : "refused");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        if (args[0].equals("pacs")) {
            secondWorkstation(args);
            return;
        }
        if (args[0].equals("offline")) {
            PostgresProjectStore shared = PostgresProjectStore.open(PostgresLocation.parse(args[1]), false,
                    java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(200));
            long caseId = Long.parseLong(args[2]);
            shared.lease(caseId, "groundwork");
            shared.annotations(caseId);
            System.out.println("open");
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            for (int n = 0; ; n++) {
                shared.apply(new Edit.PutBox(ProjectStoreTest.box("kept-" + n, caseId, n % 50)), "groundwork");
                System.out.println("ack " + n);
                System.out.flush();
            }
        }
        Path dir = Path.of(args[1]);
        SqliteProjectStore store = SqliteProjectStore.open(dir, SqliteProjectStore.Mode.READ_WRITE);
        if (args[0].equals("hold")) {
            System.out.println("open");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        long caseId = store.cases().get(0).id();
        for (int n = 0; ; n++) {
            store.apply(new Edit.PutBox(ProjectStoreTest.box(args[2] + "-" + n, caseId, n % 50)), "crash-test");
            if (n % 3 == 0) {
                store.apply(new Edit.AddActiveTime(caseId, 1), "crash-test");
            }
            System.out.println("ack " + n);
            System.out.flush();
        }
    }

    private static void secondWorkstation(String[] args) throws Exception {
        System.setProperty("groundwork.pacs.cache", args[6]); // this workstation's own cache
        try (PostgresProjectStore shared = PostgresProjectStore.open(PostgresLocation.parse(args[1]), false,
                java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(200))) {
            long caseId = Long.parseLong(args[2]);
            var client = new org.groundwork.storage.dicomweb.DicomWebClient(new org.groundwork.storage.dicomweb.PacsServer(
                    java.net.URI.create(args[3]), new org.groundwork.storage.dicomweb.PacsServer.Basic(args[4], args[5])));
            var cache = new org.groundwork.storage.dicomweb.PacsCache(Path.of(args[6]),
                    org.groundwork.storage.dicomweb.PacsCache.DEFAULT_LIMIT);
            if (!shared.lease(caseId, "groundwork").mine()) {
                throw new IllegalStateException("case " + caseId + " is held elsewhere");
            }
            shared.annotations(caseId);
            org.groundwork.storage.dicomweb.PacsImport.restoreMissing(shared, caseId, client, cache,
                    org.groundwork.viewer.core.LoadMonitor.NONE);
            // What every reader of the case's images (viewer, assist, export) is given on this workstation.
            long here = shared.imageFiles(caseId).stream().filter(java.nio.file.Files::isRegularFile).count();
            System.out.println("ready " + here);
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            for (int n = 0; n < 30; n++) {
                shared.apply(new Edit.PutBox(ProjectStoreTest.box("second-" + n, caseId, n % 10)), "groundwork");
                System.out.println("ack " + n);
                System.out.flush();
                Thread.sleep(100);
            }
            while (!shared.sync().online() || shared.sync().waiting() > 0) {
                Thread.sleep(100);
            }
            System.out.println(shared.sync().conflicts().isEmpty() ? "done" : "conflicts " + shared.sync().conflicts());
            System.out.flush();
        }
    }

    /** Starts the child with this test's class path. */
    static Process start(String... args) throws java.io.IOException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx256m",
                "-Dgroundwork.pgpass=" + System.getProperty("groundwork.pgpass", ""),
                "-Dgroundwork.journal=" + System.getProperty("groundwork.journal", ""), "-cp",
                System.getProperty("java.class.path"), ProjectChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
