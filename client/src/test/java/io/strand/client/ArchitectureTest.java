package io.strand.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client's import rules, checked on its main classes. */
class ArchitectureTest {

    /** Only the module's own main classes (target/classes): fast, and no jar on the class path is scanned. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(java.util.Set.of(com.tngtech.archunit.core.importer.Location.of(
                    Strand.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void theClientNeverUsesTheBrokerOrItsStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.strand.broker..", "io.strand.storage..", "org.rocksdb..")
                .check(MAIN);
    }

    @Test
    void theLibraryDoesNotDependOnItsCommandLine() {
        noClasses().that().resideInAPackage("io.strand.client")
                .should().dependOnClassesThat().resideInAnyPackage("io.strand.client.cli..", "picocli..", "ch.qos.logback..")
                .check(MAIN);
    }

    @Test
    void theCommandLineUsesThePublicApiNotTheWireTypes() {
        noClasses().that().resideInAPackage("io.strand.client.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strand.api..", "org.apache.thrift..")
                .check(MAIN);
    }
}
