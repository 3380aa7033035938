package dev.storyline.testkit.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.Arrays;

/**
 * The architecture rules every module keeps, as ArchUnit rules. A module's {@code ArchitectureTest}
 * analyses its own main classes (tests excluded) and applies them:
 * <pre>{@code
 * @AnalyzeClasses(packages = "dev.storyline.upload", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest static final ArchTests common = ArchTests.in(ArchitectureRules.Common.class);
 *     @ArchTest static final ArchRule no_package_cycles = ArchitectureRules.noPackageCycles("dev.storyline.upload");
 *     @ArchTest static final ArchRule broker_client = ArchitectureRules.noBrokerClient();
 *     @ArchTest static final ArchRule controllers_in_features = ArchitectureRules.controllersInFeaturePackages("dev.storyline.upload");
 * }
 * }</pre>
 * docs/ARCHITECTURE.md describes the rules and each module's packages.
 */
public final class ArchitectureRules {

    /** The broker client libraries: Spring AMQP (RabbitTemplate, AmqpAdmin, Message, ...) and the RabbitMQ Java client. */
    private static final String[] BROKER_CLIENT_PACKAGES = {"org.springframework.amqp..", "com.rabbitmq.client.."};

    private static final String USE_THE_SHARED_MESSAGING = "services publish through the transactional Outbox and "
            + "consume through EventSubscription (dev.storyline.platform), which own publisher confirms, retries, "
            + "dead-lettering and the inbox";
    private static final String VALUE = "org.springframework.beans.factory.annotation.Value";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String[] JDBC = {
        "org.springframework.jdbc.core.simple.JdbcClient",
        "org.springframework.jdbc.core.JdbcTemplate",
        "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate"
    };

    private ArchitectureRules() {}

    /** The rules that need nothing but the module's classes; {@code ArchTests.in(ArchitectureRules.Common.class)}. */
    public static final class Common {

        private Common() {}

        /** Rule 2: configuration is bound to @ConfigurationProperties records, never injected piecemeal. */
        @ArchTest
        public static final ArchRule no_value_injection = noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(VALUE)
                .as("no class uses @Value")
                .because(
                        "configuration goes through validated @ConfigurationProperties records whose messages name the "
                                + "environment variable; a @Value is unvalidated and invisible in the documented configuration");

        /** Rule 4a: a controller says what it is. */
        @ArchTest
        public static final ArchRule controllers_are_named_controller = classes()
                .that(areControllers())
                .should()
                .haveSimpleNameEndingWith("Controller")
                .because("an HTTP entry point is recognisable by its name")
                .allowEmptyShould(true);

        /** Rule 4b: ...and a class named like one is one. */
        @ArchTest
        public static final ArchRule only_controllers_are_named_controller = classes()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .and()
                .areTopLevelClasses()
                .should()
                .beMetaAnnotatedWith(CONTROLLER)
                .because("the name promises an HTTP entry point (@RestController)")
                .allowEmptyShould(true);

        /** Rule 4c: controllers are the edge: nothing calls into them. */
        @ArchTest
        public static final ArchRule nothing_depends_on_a_controller = noClasses()
                .that(not(areControllersOrInsideOne()))
                .should()
                .dependOnClassesThat(areControllers())
                .because("a controller only translates HTTP to the feature's own classes; logic another class needs "
                        + "belongs in those classes, not in the controller")
                .allowEmptyShould(true);

        /** Rule 5: SQL lives with the feature class that owns the table, not in the HTTP layer. */
        @ArchTest
        public static final ArchRule controllers_do_not_use_jdbc = noClasses()
                .that(areControllersOrInsideOne())
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(JDBC[0])
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(JDBC[1])
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(JDBC[2])
                .as("controllers do not use JdbcClient, JdbcTemplate or NamedParameterJdbcTemplate")
                .because("a table is read and written by the feature class that owns it (e.g. Accounts, Uploads); "
                        + "controllers call that class")
                .allowEmptyShould(true);
    }

    /**
     * Rule 1: the module's top-level packages ({@code root.(*)..}, sub-packages counted with their parent)
     * do not depend on each other in a cycle. Classes directly in the root package (the application class,
     * the module's properties) are not a slice.
     */
    public static SliceRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because(
                        "a feature package is understood, tested and moved on its own only if its dependencies point one way");
    }

    /** Rule 3, no exceptions: the module never touches the broker client directly. */
    public static ArchRule noBrokerClient() {
        return noClasses().should().dependOnClassesThat(areBrokerClient()).because(USE_THE_SHARED_MESSAGING);
    }

    /**
     * Rule 3 with the classes that legitimately use the broker client, described by {@code allowed}'s
     * description (give it one with {@code .as(...)}); {@code why} says what they do that the shared
     * messaging classes do not offer.
     */
    public static ArchRule brokerClientOnlyIn(DescribedPredicate<? super JavaClass> allowed, String why) {
        return noClasses()
                .that(not(allowed).as("are outside " + allowed.getDescription()))
                .should()
                .dependOnClassesThat(areBrokerClient())
                .because(USE_THE_SHARED_MESSAGING + "; " + why);
    }

    private static DescribedPredicate<JavaClass> areBrokerClient() {
        return resideInAnyPackage(BROKER_CLIENT_PACKAGES)
                .as("are the broker client (RabbitTemplate, org.springframework.amqp.., com.rabbitmq.client..)");
    }

    /** Rule 4d: controllers live in a feature package of the module, never in its root package (or packages). */
    public static ArchRule controllersInFeaturePackages(String... rootPackages) {
        return classes()
                .that(areControllers())
                .should()
                .resideInAnyPackage(
                        Arrays.stream(rootPackages).map(root -> root + ".*..").toArray(String[]::new))
                .because("an HTTP entry point belongs to the feature whose classes it calls")
                .allowEmptyShould(true);
    }

    /** Classes annotated (or meta-annotated, like @RestController) with @Controller. */
    public static DescribedPredicate<JavaClass> areControllers() {
        return DescribedPredicate.describe(
                "are controllers (@Controller, @RestController)", c -> c.isMetaAnnotatedWith(CONTROLLER));
    }

    /** Controllers and the classes nested in them (their request/response records, anonymous classes). */
    public static DescribedPredicate<JavaClass> areControllersOrInsideOne() {
        return DescribedPredicate.describe(
                "are controllers or nested in one", ArchitectureRules::isControllerOrInsideOne);
    }

    private static boolean isControllerOrInsideOne(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (k.isMetaAnnotatedWith(CONTROLLER)) {
                return true;
            }
        }
        return false;
    }
}
