package io.mirador.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module layering true: app → ui → replicator → cluster, broker-embedded on its own, and JavaFX
 * only in ui and app.
 */
class ArchitectureTest {

    private static JavaClasses mirador;

    @BeforeAll
    static void importClasses() {
        mirador = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mirador");
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"io.mirador.broker", "io.mirador.cluster", "io.mirador.ui", "io.mirador.app"}) {
            org.assertj.core.api.Assertions.assertThat(mirador.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s are on the class path", pkg).isTrue();
        }
    }

    @Test
    void nothingBelowUiImportsJavaFx() {
        noClasses().that().resideInAnyPackage("io.mirador.broker..", "io.mirador.cluster..", "io.mirador.replicator..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp..")
                .check(mirador);
    }

    @Test
    void brokerEmbeddedStandsAlone() {
        noClasses().that().resideInAPackage("io.mirador.broker..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mirador.cluster..", "io.mirador.replicator..", "io.mirador.ui..", "io.mirador.app..")
                .check(mirador);
    }

    @Test
    void clusterDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("io.mirador.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mirador.broker..", "io.mirador.replicator..", "io.mirador.ui..", "io.mirador.app..")
                .check(mirador);
    }

    @Test
    void replicatorDependsOnlyOnCluster() {
        noClasses().that().resideInAPackage("io.mirador.replicator..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mirador.broker..", "io.mirador.ui..", "io.mirador.app..")
                .allowEmptyShould(true)
                .check(mirador);
    }

    @Test
    void uiDoesNotDependOnTheLauncher() {
        noClasses().that().resideInAPackage("io.mirador.ui..")
                .should().dependOnClassesThat().resideInAPackage("io.mirador.app..")
                .check(mirador);
    }
}
