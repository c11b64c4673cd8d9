package org.groundwork.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The structure of DESIGN.md as ArchUnit rules. Rules are built for a root package so that the same
 * rules can be shown to fail on planted violations under another root.
 */
final class ArchitectureRules {
    /** Module name and its Java package below the root. */
    record Module(String name, String packageSuffix) {
        String packages(String root) {
            return root + "." + packageSuffix + "..";
        }
    }

    static final Module VIEWER_CORE = new Module("viewer-core", "viewer.core");
    static final Module VIEWER_FX = new Module("viewer-fx", "viewer.fx");
    static final Module ANNOTATE_CORE = new Module("annotate-core", "annotate.core");
    static final Module ANNOTATE_FX = new Module("annotate-fx", "annotate.fx");
    static final Module ASSIST = new Module("assist", "assist");
    static final Module STORAGE = new Module("storage", "storage");
    static final Module DATASET = new Module("dataset", "dataset");
    static final Module APP = new Module("app", "app");
    static final List<Module> MODULES =
            List.of(VIEWER_CORE, VIEWER_FX, ANNOTATE_CORE, ANNOTATE_FX, ASSIST, STORAGE, DATASET, APP);

    /** Modules that must run without a display: no JavaFX, AWT or Swing. */
    static final List<Module> HEADLESS_MODULES = List.of(VIEWER_CORE, ANNOTATE_CORE, ASSIST, STORAGE, DATASET);

    /**
     * The one package of viewer-core allowed to see {@code java.awt.image}: ImageIO codecs
     * (TwelveMonkeys JPEG, JPEG 2000) hand decoded pixels over as rasters, plain data classes that
     * work headless. It copies them into the volume's arrays and nothing else leaks out.
     */
    static final String IMAGEIO_BRIDGE_SUFFIX = "viewer.core.dicom.internal.codec";

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    /** DESIGN.md's table: which module may depend on which. Nothing depends on app. */
    ArchRule moduleDependencies() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer(VIEWER_CORE.name()).definedBy(VIEWER_CORE.packages(root))
                .layer(VIEWER_FX.name()).definedBy(VIEWER_FX.packages(root))
                .layer(ANNOTATE_CORE.name()).definedBy(ANNOTATE_CORE.packages(root))
                .layer(ANNOTATE_FX.name()).definedBy(ANNOTATE_FX.packages(root))
                .layer(ASSIST.name()).definedBy(ASSIST.packages(root))
                .layer(STORAGE.name()).definedBy(STORAGE.packages(root))
                .layer(DATASET.name()).definedBy(DATASET.packages(root))
                .layer(APP.name()).definedBy(APP.packages(root))
                .whereLayer(VIEWER_CORE.name()).mayNotAccessAnyLayer()
                .whereLayer(VIEWER_FX.name()).mayOnlyAccessLayers(VIEWER_CORE.name())
                .whereLayer(ANNOTATE_CORE.name()).mayOnlyAccessLayers(VIEWER_CORE.name())
                .whereLayer(ANNOTATE_FX.name())
                .mayOnlyAccessLayers(ANNOTATE_CORE.name(), VIEWER_FX.name(), VIEWER_CORE.name())
                .whereLayer(ASSIST.name()).mayOnlyAccessLayers(VIEWER_CORE.name(), ANNOTATE_CORE.name())
                .whereLayer(STORAGE.name()).mayOnlyAccessLayers(VIEWER_CORE.name(), ANNOTATE_CORE.name())
                .whereLayer(DATASET.name()).mayOnlyAccessLayers(VIEWER_CORE.name(), ANNOTATE_CORE.name())
                .whereLayer(APP.name()).mayNotBeAccessedByAnyLayer();
    }

    /** Core modules never import JavaFX, AWT or Swing, so they run headless and in the CLI. */
    ArchRule headlessModulesHaveNoUiToolkit() {
        String[] headless = HEADLESS_MODULES.stream().map(m -> m.packages(root)).toArray(String[]::new);
        ArchRule noToolkit = noClasses().that().resideInAnyPackage(headless)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..")
                .allowEmptyShould(true)
                .because("core modules must run without a display (DESIGN.md)");
        ArchRule noAwt = noClasses().that().resideInAnyPackage(headless)
                .and().resideOutsideOfPackage(root + "." + IMAGEIO_BRIDGE_SUFFIX + "..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..")
                .allowEmptyShould(true)
                .because("core modules must run without a display (DESIGN.md)");
        ArchRule bridgeOnlyRasters = noClasses().that().resideInAPackage(root + "." + IMAGEIO_BRIDGE_SUFFIX + "..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt")
                .orShould().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..")
                .allowEmptyShould(true)
                .because("the codec bridge may use java.awt.image rasters and nothing else of AWT");
        return CompositeArchRule.of(noToolkit).and(noAwt).and(bridgeOnlyRasters);
    }

    /** A module's {@code internal} packages are its own business. */
    ArchRule internalPackagesStayInsideTheirModule() {
        CompositeArchRule rule = null;
        for (Module module : MODULES) {
            ArchRule one = noClasses().that().resideOutsideOfPackage(module.packages(root))
                    .should().dependOnClassesThat()
                    .resideInAPackage(root + "." + module.packageSuffix() + "..internal..")
                    .allowEmptyShould(true)
                    .because(module.name() + "'s internal packages are not API");
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        return rule;
    }

    /**
     * The windows, the assistant and the dataset module use a project through the repository
     * interface (a folder and a team's server alike); only the classes that open, create, move or
     * repair a project name a store class.
     */
    ArchRule storeClassesOnlyWhereProjectsAreOpened() {
        return noClasses().that().resideInAnyPackage(root + ".app.ui..", root + ".app.assist..", DATASET.packages(root))
                .and().doNotHaveSimpleName("ProjectActions").and().doNotHaveSimpleName("MainWindow")
                .and().doNotHaveSimpleName("RecentProject")
                .should().dependOnClassesThat().haveFullyQualifiedName(root + ".storage.SqliteProjectStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(root + ".storage.PostgresProjectStore")
                .allowEmptyShould(true)
                .because("a project may be a folder or a shared server (DESIGN.md: the repository interfaces)");
    }

    List<ArchRule> all() {
        return List.of(moduleDependencies(), headlessModulesHaveNoUiToolkit(), internalPackagesStayInsideTheirModule(),
                storeClassesOnlyWhereProjectsAreOpened());
    }
}
