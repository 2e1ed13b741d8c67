package dev.sluice.architecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules that keep Sluice's hexagon honest. Each takes the packages it guards as parameters, so
 * that the same rule runs on the real code ({@link ArchitectureTest}) and on planted violations
 * ({@link ArchitectureRulesCatchViolationsTest}).
 */
final class ArchitectureRules {

    /** Third-party frameworks and libraries that belong in adapters only. */
    static final List<String> FRAMEWORK_PACKAGES = List.of(
            "io.micronaut..", "jakarta.inject..", "org.apache.kafka..", "org.apache.iceberg..",
            "io.trino..", "software.amazon..", "org.apache.hadoop..", "org.apache.parquet..",
            "com.fasterxml.jackson..", "org.apache.avro..", "org.flywaydb..", "dev.cel..");

    private ArchitectureRules() {
    }

    /** Classes of the domain depend only on the JDK's {@code java..} packages and on the domain itself. */
    static ArchRule domainUsesOnlyTheJdk(String domainPackage) {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideInAPackage(domainPackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domainPackage + "..")
                .as("the domain (" + domainPackage + ") imports only java.. and itself")
                .because("the domain is pure Java: frameworks plug in through ports from adapters");
    }

    /** No adapter depends on another adapter: each one talks to the domain's ports only. */
    static SliceRule adaptersDoNotImportEachOther(String rootPackage, List<String> adapterPackages) {
        // Every top-level package below the root is a slice; dependencies that do not start and
        // end in an adapter (for example adapter -> domain) are outside this rule.
        return slices().matching(rootPackage + ".(*)..")
                .namingSlices("adapter $1")
                .should().notDependOnEachOther()
                .ignoreDependency(
                        com.tngtech.archunit.base.DescribedPredicate.describe("not an adapter",
                                c -> !c.getPackageName().matches(regex(rootPackage, adapterPackages))),
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
                .ignoreDependency(
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.base.DescribedPredicate.describe("not an adapter",
                                c -> !c.getPackageName().matches(regex(rootPackage, adapterPackages))))
                .as("adapters " + adapterPackages + " under " + rootPackage + " never import each other");
    }

    /** Micronaut, Kafka, Iceberg, Trino, AWS (and similar) types appear only in adapters, never in the domain. */
    static ArchRule frameworkTypesStayInAdapters(String domainPackage, List<String> frameworkPackages) {
        return noClasses().that().resideInAPackage(domainPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(frameworkPackages.toArray(String[]::new))
                .as("Micronaut, Kafka, Iceberg, Trino and AWS types appear only in adapters, not in " + domainPackage)
                .because("the core must be testable and replaceable without any framework");
    }

    /** Packages below {@code rootPackage} form no cycle, at every depth. */
    static SliceRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(**)")
                .should().beFreeOfCycles()
                .as("packages under " + rootPackage + " are free of cycles");
    }

    private static String regex(String rootPackage, List<String> adapterPackages) {
        return java.util.regex.Pattern.quote(rootPackage) + "\\.(" + String.join("|", adapterPackages) + ")(\\..*)?";
    }
}
