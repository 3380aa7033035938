package dev.storyline.contracts;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.storyline.testkit.architecture.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The shared architecture rules (docs/ARCHITECTURE.md) applied to the shared module's main classes. The
 * broker-client rule does not apply here: this module is where the broker client is used.
 */
@AnalyzeClasses(packages = "dev.storyline.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(ArchitectureRules.Common.class);

    @ArchTest
    static final ArchRule no_package_cycles = ArchitectureRules.noPackageCycles("dev.storyline.contracts");

    @ArchTest
    static final ArchRule controllers_in_feature_packages = ArchitectureRules.controllersInFeaturePackages("dev.storyline.contracts");

    @ArchTest
    static final ArchRule events_are_plain_records = classes()
            .that().resideInAPackage("dev.storyline.contracts.events..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.storyline.contracts.events..", "java..", "com.fasterxml.jackson.annotation..")
            .because("the event records are the wire contract every service shares: plain data with Jackson "
                    + "annotations, no broker, Spring or database types");
}
