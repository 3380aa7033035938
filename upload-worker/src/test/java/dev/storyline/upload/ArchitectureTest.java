package dev.storyline.upload;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.storyline.testkit.architecture.ArchitectureRules;

/** The shared architecture rules (docs/ARCHITECTURE.md) applied to this module's main classes. */
@AnalyzeClasses(packages = "dev.storyline.upload", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(ArchitectureRules.Common.class);

    @ArchTest
    static final ArchRule no_package_cycles = ArchitectureRules.noPackageCycles("dev.storyline.upload");

    @ArchTest
    static final ArchRule broker_client = ArchitectureRules.noBrokerClient();

    @ArchTest
    static final ArchRule controllers_in_feature_packages =
            ArchitectureRules.controllersInFeaturePackages("dev.storyline.upload");
}
