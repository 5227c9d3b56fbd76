package io.strand.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The import rules of the storage module, enforced rather than hoped for. */
class StorageArchitectureTest {
    private static final JavaClasses STORAGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.strand.storage");

    @Test
    void storageKnowsNothingOfThriftOrTheBroker() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.thrift..", "io.strand.api..",
                "io.strand.broker..", "io.strand.client..", "java.net..").check(STORAGE);
    }

    @Test
    void thePublicApiDoesNotExposeRocksDb() {
        noClasses().that().resideInAPackage("io.strand.storage").should().dependOnClassesThat()
                .resideInAPackage("org.rocksdb..").check(STORAGE);
    }

    @Test
    void theImplementationIsPackagePrivateExceptItsEntryPoints() {
        classes().that().resideInAPackage("io.strand.storage.rocksdb").and().doNotHaveSimpleName("RocksLogStore")
                .and().doNotHaveSimpleName("RocksStoreCheck")
                .should().notBePublic().check(STORAGE);
    }
}
