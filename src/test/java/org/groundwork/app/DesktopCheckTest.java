package org.groundwork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopCheckTest {
    @TempDir
    Path libs;

    @Test
    void withoutGtkTheProblemNamesThePackageToInstall() {
        DesktopCheck check = new DesktopCheck("Linux", "", Map.of("DISPLAY", ":0"), List.of(libs));
        String problem = check.problem().orElseThrow();
        assertTrue(problem.contains("libgtk-3.so.0") && problem.contains("install the package libgtk-3-0"), problem);
        assertEquals(1, problem.lines().count());
        assertEquals(check.problem(), check.installProblem());
    }

    @Test
    void withoutDisplayTheProblemSaysHowToGetOne() throws Exception {
        Files.createFile(libs.resolve(DesktopCheck.GTK_LIBRARY));
        DesktopCheck check = new DesktopCheck("Linux", "", Map.of(), List.of(libs));
        String problem = check.problem().orElseThrow();
        assertTrue(problem.contains("DISPLAY is not set") && problem.contains("xvfb-run"), problem);
        assertEquals(Optional.empty(), check.installProblem());
    }

    @Test
    void aDisplayAndGtkAreEnough() throws Exception {
        Files.createFile(libs.resolve(DesktopCheck.GTK_LIBRARY));
        DesktopCheck check = new DesktopCheck("Linux", "", Map.of("WAYLAND_DISPLAY", "wayland-0"), List.of(libs));
        assertEquals(Optional.empty(), check.problem());
        assertTrue(check.describe().contains(libs.resolve(DesktopCheck.GTK_LIBRARY).toString()), check.describe());
    }

    @Test
    void otherSystemsAndTheOffScreenPlatformNeedNothing() {
        assertEquals(Optional.empty(), new DesktopCheck("Windows 11", "", Map.of(), List.of(libs)).problem());
        assertEquals(Optional.empty(), new DesktopCheck("Linux", "Monocle", Map.of(), List.of(libs)).problem());
    }
}
