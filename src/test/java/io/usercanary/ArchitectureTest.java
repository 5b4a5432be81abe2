package io.usercanary;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of the README's Development section, over the compiled main classes:
 * cli → app → cluster → schedule / web / metrics / seed → store → probe → auth / check → http → config;
 * report under cli, demo (over http and config's Durations) and logging used by cli alone, webconfig (the --web.config.file) read by cli and
 * applied by web. Each package lists who may use it.
 */
class ArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.usercanary");

    @Test
    void everyPackageIsUsedOnlyByThePackagesAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("io.usercanary.cli..")
                .layer("app").definedBy("io.usercanary.app..")
                .optionalLayer("cluster").definedBy("io.usercanary.cluster..")
                .layer("schedule").definedBy("io.usercanary.schedule..")
                .layer("web").definedBy("io.usercanary.web..")
                .layer("metrics").definedBy("io.usercanary.metrics..")
                .layer("seed").definedBy("io.usercanary.seed..")
                .layer("report").definedBy("io.usercanary.report..")
                .layer("store").definedBy("io.usercanary.store..")
                .layer("probe").definedBy("io.usercanary.probe..")
                .layer("auth").definedBy("io.usercanary.auth..")
                .layer("check").definedBy("io.usercanary.check..")
                .layer("http").definedBy("io.usercanary.http..")
                .layer("config").definedBy("io.usercanary.config..")
                .layer("demo").definedBy("io.usercanary.demo..")
                .layer("logging").definedBy("io.usercanary.logging..")
                .layer("webconfig").definedBy("io.usercanary.webconfig..")

                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("app")
                .whereLayer("schedule").mayOnlyBeAccessedByLayers("app", "cluster")
                .whereLayer("web").mayOnlyBeAccessedByLayers("app", "cli")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("app")
                .whereLayer("seed").mayOnlyBeAccessedByLayers("app", "cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("store").mayOnlyBeAccessedByLayers("app", "cluster", "web", "metrics")
                .whereLayer("probe").mayOnlyBeAccessedByLayers("cli", "app", "cluster", "schedule", "web", "metrics", "seed",
                        "report", "store")
                // Firebase is the probe's business: metrics, pages and the scheduler see only run results.
                .whereLayer("auth").mayOnlyBeAccessedByLayers("cli", "app", "probe", "seed")
                .whereLayer("check").mayOnlyBeAccessedByLayers("cli", "app", "cluster", "web", "metrics", "seed", "report",
                        "store", "probe")
                .whereLayer("http").mayOnlyBeAccessedByLayers("cli", "app", "cluster", "schedule", "web", "metrics", "seed",
                        "report", "store", "probe", "auth", "check", "demo")
                .whereLayer("config").mayOnlyBeAccessedByLayers("cli", "app", "cluster", "schedule", "web", "metrics", "seed",
                        "report", "store", "probe", "auth", "check", "http", "demo")
                .whereLayer("demo").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("logging").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("webconfig").mayOnlyBeAccessedByLayers("cli", "app", "web")
                .check(MAIN);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("io.usercanary.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyClassLivesInAPackageWithAPlaceInTheArrows() {
        classes().should().resideInAnyPackage("io.usercanary.cli..", "io.usercanary.app..", "io.usercanary.cluster..",
                "io.usercanary.schedule..", "io.usercanary.web..", "io.usercanary.metrics..", "io.usercanary.seed..",
                "io.usercanary.report..", "io.usercanary.store..", "io.usercanary.probe..", "io.usercanary.auth..",
                "io.usercanary.check..", "io.usercanary.http..", "io.usercanary.config..", "io.usercanary.demo..",
                "io.usercanary.logging..", "io.usercanary.webconfig..")
                .check(MAIN);
    }
}
