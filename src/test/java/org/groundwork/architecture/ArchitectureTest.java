package org.groundwork.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The production code follows DESIGN.md's module structure. */
class ArchitectureTest {
    private static JavaClasses production;
    private static final ArchitectureRules RULES = new ArchitectureRules("org.groundwork");

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // other modules' test fixtures
                .importPackages("org.groundwork");
        // Without the module jars on the class path the rules would pass vacuously.
        assertTrue(hasPackage("org.groundwork.app"), "app classes imported");
        assertTrue(hasPackage("org.groundwork.viewer.core"), "viewer-core classes imported");
    }

    private static boolean hasPackage(String name) {
        return production.stream().anyMatch(c -> c.getPackageName().startsWith(name));
    }

    @Test
    void modulesDependOnlyAsTheDesignTableSays() {
        RULES.moduleDependencies().check(production);
    }

    @Test
    void coreModulesHaveNoUiToolkit() {
        RULES.headlessModulesHaveNoUiToolkit().check(production);
    }

    @Test
    void onlyTheClassesThatOpenProjectsNameAStoreClass() {
        RULES.storeClassesOnlyWhereProjectsAreOpened().check(production);
    }

    @Test
    void internalPackagesAreNotUsedFromOtherModules() {
        RULES.internalPackagesStayInsideTheirModule().check(production);
    }
}
