package dev.sluice.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shows that each rule fails loudly: every rule is run on a small fixture in
 * {@code dev.sluice.archfixture} that plants exactly the violation it must catch, and on a clean
 * fixture that it must accept.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURES = "dev.sluice.archfixture";
    // The fixture stands ArchUnit's own types in for Micronaut, Kafka and the like, because those
    // are not on this module's classpath until an adapter brings them.

    private static JavaClasses fixture(String name) {
        return new ClassFileImporter().importPackages(FIXTURES + "." + name);
    }

    @Test
    void domainPurityRuleCatchesADomainClassThatImportsALibrary() {
        EvaluationResult result = ArchitectureRules.domainUsesOnlyTheJdk(FIXTURES + ".purity.domain")
                .evaluate(fixture("purity"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line)
                        .contains("ImpureDomainService")
                        .contains("org.assertj"));
    }

    @Test
    void adapterRuleCatchesAnAdapterThatImportsAnother() {
        EvaluationResult result = ArchitectureRules
                .adaptersDoNotImportEachOther(FIXTURES + ".crossing", List.of("alpha", "beta"))
                .evaluate(fixture("crossing"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("AlphaAdapter")
                .contains("BetaAdapter");
    }

    @Test
    void frameworkRuleCatchesAFrameworkTypeInTheDomain() {
        EvaluationResult result = ArchitectureRules.frameworkTypesStayInAdapters(
                        FIXTURES + ".framework.domain", List.of("com.tngtech.archunit.."))
                .evaluate(fixture("framework"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("FrameworkLeak")
                .contains("com.tngtech.archunit");
    }

    @Test
    void cycleRuleCatchesTwoPackagesThatUseEachOther() {
        EvaluationResult result = ArchitectureRules.noPackageCycles(FIXTURES + ".cycle")
                .evaluate(fixture("cycle"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("Cycle detected")
                .contains("left")
                .contains("right");
    }

    @Test
    void everyRuleAcceptsACleanFixture() {
        JavaClasses clean = fixture("clean");
        String domain = FIXTURES + ".clean.domain";

        assertThat(ArchitectureRules.domainUsesOnlyTheJdk(domain).evaluate(clean).hasViolation()).isFalse();
        assertThat(ArchitectureRules.frameworkTypesStayInAdapters(domain, List.of("com.tngtech.archunit..")).evaluate(clean).hasViolation()).isFalse();
        assertThat(ArchitectureRules.adaptersDoNotImportEachOther(FIXTURES + ".clean", List.of("alpha"))
                .evaluate(clean).hasViolation()).isFalse();
        assertThat(ArchitectureRules.noPackageCycles(FIXTURES + ".clean").evaluate(clean).hasViolation()).isFalse();
    }
}
