package org.groundwork.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether this machine can show the workstation's window. On Linux JavaFX needs a display and the
 * GTK 3 library; without them it fails deep inside its start-up with a stack trace, so Groundwork
 * checks first and says in one sentence what to install.
 */
public final class DesktopCheck {
    /** The library JavaFX's Linux window system loads. */
    static final String GTK_LIBRARY = "libgtk-3.so.0";
    private static final List<String> STANDARD_LIBRARY_DIRS = List.of("/lib", "/lib64", "/usr/lib", "/usr/lib64",
            "/usr/local/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu");

    private final String osName;
    private final String glassPlatform;
    private final Map<String, String> environment;
    private final List<Path> libraryDirs;

    DesktopCheck(String osName, String glassPlatform, Map<String, String> environment, List<Path> libraryDirs) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.glassPlatform = glassPlatform;
        this.environment = environment;
        this.libraryDirs = libraryDirs;
    }

    /** The check for this process: its operating system, environment and the system's library folders. */
    public static DesktopCheck forThisMachine() {
        List<Path> dirs = new ArrayList<>();
        String ldPath = System.getenv("LD_LIBRARY_PATH");
        if (ldPath != null) {
            Stream.of(ldPath.split(":")).filter(s -> !s.isBlank()).map(Path::of).forEach(dirs::add);
        }
        STANDARD_LIBRARY_DIRS.stream().map(Path::of).forEach(dirs::add);
        dirs.addAll(ldConfigDirs(Path.of("/etc/ld.so.conf.d")));
        return new DesktopCheck(System.getProperty("os.name", ""), System.getProperty("glass.platform", ""),
                System.getenv(), dirs);
    }

    /** Why no window can be shown, in one sentence naming what to do; empty when one can. */
    public Optional<String> problem() {
        boolean linux = osName.contains("linux");
        if (!linux || "Monocle".equals(glassPlatform)) {
            return Optional.empty(); // Windows and macOS bring their own window system; Monocle draws off-screen
        }
        if (blank("DISPLAY") && blank("WAYLAND_DISPLAY")) {
            return Optional.of("there is no display to show the workstation on (DISPLAY is not set): start it from "
                    + "a desktop session, or under a virtual display with xvfb-run (Debian and Ubuntu package xvfb); "
                    + "the command-line tools work without one");
        }
        return installProblem();
    }

    /** What is missing from this installation for the window to open, display aside; empty when nothing. */
    public Optional<String> installProblem() {
        if (osName.contains("linux") && !"Monocle".equals(glassPlatform) && gtkLibrary().isEmpty()) {
            return Optional.of("the workstation needs the GTK 3 library (" + GTK_LIBRARY + "), which is not "
                    + "installed: install the package libgtk-3-0 (Debian, Ubuntu) or gtk3 (Fedora, RHEL)");
        }
        return Optional.empty();
    }

    /** Where the GTK 3 library was found, if anywhere. */
    public Optional<Path> gtkLibrary() {
        return libraryDirs.stream().map(d -> d.resolve(GTK_LIBRARY)).filter(Files::exists).findFirst();
    }

    /** What {@code doctor} prints about the display. */
    public String describe() {
        String display = blank("DISPLAY") ? (blank("WAYLAND_DISPLAY") ? "none" : "Wayland " + environment.get("WAYLAND_DISPLAY"))
                : environment.get("DISPLAY");
        if (!osName.contains("linux")) {
            return "provided by " + System.getProperty("os.name");
        }
        return "display " + display + ", GTK 3 " + gtkLibrary().map(Path::toString).orElse("not found");
    }

    private boolean blank(String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank();
    }

    private static List<Path> ldConfigDirs(Path confDir) {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> files = Files.list(confDir)) {
            for (Path conf : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                for (String line : Files.readAllLines(conf)) {
                    String dir = line.strip();
                    if (dir.startsWith("/")) {
                        dirs.add(Path.of(dir));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // No such folder (not Linux) or an unreadable file: the standard folders remain.
        }
        return dirs;
    }
}
