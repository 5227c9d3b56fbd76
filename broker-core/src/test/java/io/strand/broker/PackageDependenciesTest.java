package io.strand.broker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import directions the package-info files of the runtime shell promise. */
class PackageDependenciesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strand.broker");
    }

    @Test
    void transportKnowsNothingOfRequestsStorageOrConfiguration() {
        noClasses().that().resideInAPackage("io.strand.broker.net..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strand.broker.service..",
                        "io.strand.broker.push..", "io.strand.storage..", "io.strand.broker.config..",
                        "io.strand.broker.admin..")
                .check(classes);
    }

    @Test
    void adminHttpOnlyReadsTheRegistryAndAHealthCheck() {
        noClasses().that().resideInAPackage("io.strand.broker.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strand.broker.service..",
                        "io.strand.broker.push..", "io.strand.storage..", "io.strand.broker.config..",
                        "io.strand.broker.net..", "io.strand.api..")
                .check(classes);
    }

    @Test
    void configurationDoesNotReachIntoTheRuntime() {
        noClasses().that().resideInAPackage("io.strand.broker.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strand.broker.net..",
                        "io.strand.broker.admin..", "org.apache.thrift..", "io.strand.api..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheLauncherPackage() {
        noClasses().that().resideOutsideOfPackage("io.strand.broker")
                .should().dependOnClassesThat().resideInAPackage("io.strand.broker")
                .check(classes);
    }
}
