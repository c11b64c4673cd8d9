package org.groundwork.app.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groundwork.app.AppVersion;
import org.groundwork.app.DesktopCheck;
import org.groundwork.app.ui.WindowLayoutStore;
import org.groundwork.assist.EngineStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code groundwork doctor}: what support needs to know about this installation. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the installation: Java, JavaFX, the model engine and its native library, SQLite, "
                + "folders and memory. Exit 2, naming what is missing, when something a user needs does not work.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        out.println("Groundwork " + AppVersion.get());
        out.println("Java:        " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + "), " + System.getProperty("java.home"));
        out.println("JavaFX:      " + javafxVersion(problems));
        DesktopCheck desktop = DesktopCheck.forThisMachine();
        out.println("Desktop:     " + desktop.describe());
        desktop.installProblem().ifPresent(problems::add); // no display is a fact of this session, not a fault
        EngineStatus engine = EngineStatus.check();
        out.println(engine.describe());
        if (!engine.available()) {
            problems.add(engine.problem());
        }
        out.println("SQLite:      " + sqliteVersion(problems));
        out.println("Settings:    Java preferences node /" + System.getProperty(WindowLayoutStore.NODE_PROPERTY, "org/groundwork/app"));
        out.println("Data:        " + Path.of(System.getProperty("user.home"), ".djl.ai") + " (model engine cache), "
                + System.getProperty("java.io.tmpdir") + " (temporary files)");
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "Memory:      max heap %d MB, %d processors%s%n", rt.maxMemory() >> 20,
                rt.availableProcessors(), physicalMemory());
        for (String p : problems) {
            spec.commandLine().getErr().println("error: " + p);
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return problems.isEmpty() ? 0 : GroundworkCommand.EXIT_BAD_INPUT;
    }

    private static String javafxVersion(List<String> problems) {
        try {
            Class<?> platform = Class.forName("javafx.application.Platform");
            Module module = platform.getModule();
            if (module.isNamed()) {
                // Inside the jlink runtime of an installed copy: the module knows its version.
                return module.getDescriptor().rawVersion().orElse("present") + " (module " + module.getName() + ")";
            }
            try {
                // On the class path (development, tests) the runtime's own version class is reachable.
                return String.valueOf(Class.forName("com.sun.javafx.runtime.VersionInfo")
                        .getMethod("getRuntimeVersion").invoke(null));
            } catch (ReflectiveOperationException e) {
                return "present";
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            problems.add("JavaFX is missing (" + e + "); the workstation cannot start");
            return "missing";
        }
    }

    private static String sqliteVersion(List<String> problems) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             ResultSet rs = c.createStatement().executeQuery("SELECT sqlite_version()")) {
            return rs.getString(1);
        } catch (Exception | LinkageError e) {
            problems.add("SQLite does not work (" + e.getMessage() + "); projects cannot be opened");
            return "unavailable";
        }
    }

    private static String physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, ", %d MB physical, %d MB free", os.getTotalMemorySize() >> 20,
                    os.getFreeMemorySize() >> 20);
        }
        return "";
    }
}
