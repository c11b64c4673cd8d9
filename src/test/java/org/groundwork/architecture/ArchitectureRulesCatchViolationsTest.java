package org.groundwork.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule fails on planted violations (package {@code org.groundwork.archfixture}), so that
 * {@link ArchitectureTest} passing means something.
 */
class ArchitectureRulesCatchViolationsTest {
    private static final String ROOT = "org.groundwork.archfixture";
    private static final ArchitectureRules RULES = new ArchitectureRules(ROOT);
    private static JavaClasses planted;

    @BeforeAll
    static void importPlantedViolations() {
        planted = new ClassFileImporter().importPackages(ROOT);
    }

    @Test
    void forbiddenModuleDependencyIsReported() {
        String report = failureOf(RULES.moduleDependencies());
        assertTrue(report.contains("DependsOnStorage"), report);
        assertTrue(report.contains("DependsOnApp"), report);
    }

    @Test
    void uiToolkitInCoreModuleIsReported() {
        String report = failureOf(RULES.headlessModulesHaveNoUiToolkit());
        assertTrue(report.contains("UsesJavaFx"), report);
        assertTrue(report.contains("UsesAwt"), report);
        assertTrue(report.contains("BridgeUsesAwtWindow"), "the codec bridge may use rasters only: " + report);
        assertTrue(!report.contains("BridgeUsesRaster"), "rasters are allowed in the codec bridge: " + report);
    }

    @Test
    void useOfAnotherModulesInternalsIsReported() {
        String report = failureOf(RULES.internalPackagesStayInsideTheirModule());
        assertTrue(report.contains("UsesStorageInternals"), report);
    }

    @Test
    void aWindowNamingTheFolderStoreIsReported() {
        String report = failureOf(RULES.storeClassesOnlyWhereProjectsAreOpened());
        assertTrue(report.contains("AnnotationWindow"), report);
        assertTrue(!report.contains("app.ui.ProjectActions."), "the class that opens projects may name the store: " + report);
    }

    private static String failureOf(ArchRule rule) {
        return assertThrows(AssertionError.class, () -> rule.check(planted)).getMessage();
    }
}
