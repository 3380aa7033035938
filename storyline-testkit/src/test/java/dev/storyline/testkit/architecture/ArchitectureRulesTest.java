package dev.storyline.testkit.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Each shared rule reports the deliberate violations in the fixture package, so a passing module test means something. */
class ArchitectureRulesTest {

    private static final String ROOT = "dev.storyline.testkit.architecture.fixture";
    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(ROOT);

    @Test
    void reports_a_package_cycle() {
        assertViolation(ArchitectureRules.noPackageCycles(ROOT), "Cycle detected", ROOT + ".a", ROOT + ".b");
    }

    @Test
    void reports_value_on_a_constructor_parameter_and_on_a_field() {
        assertViolation(ArchitectureRules.Common.no_value_injection, "ValueInjected", "ValueOnField");
    }

    @Test
    void reports_the_broker_client_outside_the_allowed_classes() {
        assertViolation(ArchitectureRules.noBrokerClient(), "Broker.rabbit");
        assertViolation(
                ArchitectureRules.brokerClientOnlyIn(
                        resideInAPackage(ROOT + ".a").as("package a"), "fixture"),
                "Broker.rabbit");
        ArchitectureRules.brokerClientOnlyIn(resideInAPackage(ROOT + ".b").as("package b"), "fixture")
                .check(FIXTURE);
    }

    @Test
    void reports_controllers_by_name_and_place() {
        assertViolation(ArchitectureRules.Common.controllers_are_named_controller, "Misnamed");
        assertViolation(ArchitectureRules.Common.only_controllers_are_named_controller, "NotReallyController");
        assertThat(violation(ArchitectureRules.controllersInFeaturePackages(ROOT)))
                .contains("RootController")
                .doesNotContain("ThingController");
    }

    @Test
    void reports_a_class_depending_on_a_controller_but_not_the_controllers_own_nested_classes() {
        String message = violation(ArchitectureRules.Common.nothing_depends_on_a_controller);
        assertThat(message).contains("CallsController").doesNotContain("ThingController$Request");
    }

    @Test
    void reports_jdbc_in_a_controller() {
        assertViolation(ArchitectureRules.Common.controllers_do_not_use_jdbc, "ThingController.jdbc");
    }

    private static void assertViolation(ArchRule rule, String... named) {
        assertThat(violation(rule)).contains(named);
    }

    private static String violation(ArchRule rule) {
        AssertionError error = null;
        try {
            rule.check(FIXTURE);
        } catch (AssertionError e) {
            error = e;
        }
        assertThat(error)
                .as("%s reports the fixture's violations", rule.getDescription())
                .isNotNull();
        return error.getMessage();
    }
}
