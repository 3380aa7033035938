package dev.storyline.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.storyline.testkit.architecture.ArchitectureRules;

/**
 * The shared architecture rules (docs/ARCHITECTURE.md) applied to the shared module's main classes: the
 * contracts ({@code dev.storyline.contracts}) and the platform that runs them ({@code dev.storyline.platform}).
 * The broker-client rule does not apply here: this module is where the broker client is used.
 */
@AnalyzeClasses(
        packages = {"dev.storyline.contracts", "dev.storyline.platform"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(ArchitectureRules.Common.class);

    /** With {@link #contracts_do_not_depend_on_the_platform}, no cycle can run between the two roots either. */
    @ArchTest
    static final ArchRule no_package_cycles_in_the_contracts =
            ArchitectureRules.noPackageCycles("dev.storyline.contracts");

    @ArchTest
    static final ArchRule no_package_cycles_in_the_platform =
            ArchitectureRules.noPackageCycles("dev.storyline.platform");

    @ArchTest
    static final ArchRule contracts_do_not_depend_on_the_platform = noClasses()
            .that()
            .resideInAPackage("dev.storyline.contracts..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.storyline.platform..")
            .because("the contracts (events, codec, topology, media limits) are what the services agree on; the "
                    + "platform (outbox, inbox, consumers, health, security, ...) is the runtime built on them");

    @ArchTest
    static final ArchRule controllers_in_feature_packages =
            ArchitectureRules.controllersInFeaturePackages("dev.storyline.contracts", "dev.storyline.platform");

    @ArchTest
    static final ArchRule events_are_plain_records = classes()
            .that()
            .resideInAPackage("dev.storyline.contracts.events..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.storyline.contracts.events..", "java..", "com.fasterxml.jackson.annotation..")
            .because("the event records are the wire contract every service shares: plain data with Jackson "
                    + "annotations, no broker, Spring or database types");
}
