package dev.sluice.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules, applied to Sluice's real production classes (test classes excluded). */
class ArchitectureTest {

    static final String ROOT = "dev.sluice";
    static final String DOMAIN = "dev.sluice.domain";
    /** The top-level package of each adapter module, below {@link #ROOT}. */
    static final List<String> ADAPTERS = List.of("ingestion", "registry", "lake", "rollup", "query");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                // Not ImportOption.DO_NOT_INCLUDE_TESTS: it expects the folder to be called "target",
                // and builds may use another (-Dsluice.target=...). This also drops the fixtures.
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    @Test
    void sluiceClassesAreOnTheClasspath() {
        // Guards the guards: an empty import would make every rule pass vacuously.
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith(DOMAIN)).count())
                .as("domain classes imported").isGreaterThan(10);
    }

    @Test
    void domainImportsOnlyTheJdk() {
        ArchitectureRules.domainUsesOnlyTheJdk(DOMAIN).check(production);
    }

    @Test
    void adaptersNeverImportEachOther() {
        ArchitectureRules.adaptersDoNotImportEachOther(ROOT, ADAPTERS).check(production);
    }

    @Test
    void frameworkTypesAppearOnlyInAdapters() {
        ArchitectureRules.frameworkTypesStayInAdapters(DOMAIN, ArchitectureRules.FRAMEWORK_PACKAGES).check(production);
    }

    @Test
    void thereAreNoPackageCycles() {
        ArchitectureRules.noPackageCycles(ROOT).check(production);
    }
}
