package dev.storyline.scheduler;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.storyline.testkit.architecture.ArchitectureRules;

/** The shared architecture rules (docs/ARCHITECTURE.md) applied to this module's main classes. */
@AnalyzeClasses(packages = "dev.storyline.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(ArchitectureRules.Common.class);

    @ArchTest
    static final ArchRule no_package_cycles = ArchitectureRules.noPackageCycles("dev.storyline.scheduler");

    @ArchTest
    static final ArchRule broker_client = ArchitectureRules.brokerClientOnlyIn(
            resideInAPackage("dev.storyline.scheduler.dlq").as("the dead-letter tooling (package dlq)"),
            "the operator's dead-letter tooling browses dead-letter queues without acknowledging, replays messages "
                    + "to the queue they came from with publisher confirms and purges queues, none of which the "
                    + "shared messaging classes offer");

    @ArchTest
    static final ArchRule controllers_in_feature_packages =
            ArchitectureRules.controllersInFeaturePackages("dev.storyline.scheduler");

    @ArchTest
    static final ArchRule cli_is_plain_java_and_picocli = classes()
            .that()
            .resideInAPackage("dev.storyline.scheduler.cli..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.storyline.scheduler.cli..", "java..", "picocli..")
            .because("storyline-cli.jar is shaded from this package and picocli alone (see the pom), so that the "
                    + "command line starts in a fraction of a second; anything else would be missing at run time");
}
