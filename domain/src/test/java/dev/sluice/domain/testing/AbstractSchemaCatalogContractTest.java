package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link SchemaCatalog}, for the fake and for the registry adapter. A subclass
 * registers the given versions (in order) and returns a catalog that sees them.
 */
public abstract class AbstractSchemaCatalogContractTest {

    /** A catalog holding exactly {@code versions}, registered in the given order. */
    protected abstract SchemaCatalog catalogHolding(List<SchemaVersion> versions);

    private static SchemaVersion version(Subject subject, int version, String... fieldNames) {
        return SchemaVersion.of(subject, version,
                java.util.Arrays.stream(fieldNames).map(n -> Field.optional(n, FieldType.STRING)).toList());
    }

    @Test
    void resolvesTheSubjectOfSourceAndEventTypeFirst() {
        SchemaCatalog catalog = catalogHolding(List.of(
                version(Subject.ofSource("shop"), 1, "any"),
                version(Subject.of("shop", "order"), 1, "order_id")));

        CompiledSchema resolved = catalog.resolve("shop", "order").orElseThrow();

        assertThat(resolved.subject()).isEqualTo(Subject.of("shop", "order"));
    }

    @Test
    void fallsBackToTheSubjectOfTheSource() {
        SchemaCatalog catalog = catalogHolding(List.of(
                version(Subject.ofSource("shop"), 1, "any"),
                version(Subject.of("shop", "order"), 1, "order_id")));

        assertThat(catalog.resolve("shop", "refund").orElseThrow().subject()).isEqualTo(Subject.ofSource("shop"));
    }

    @Test
    void resolvesTheLatestVersion() {
        Subject subject = Subject.of("shop", "order");
        SchemaCatalog catalog = catalogHolding(List.of(
                version(subject, 1, "order_id"),
                version(subject, 2, "order_id", "coupon")));

        CompiledSchema resolved = catalog.resolve("shop", "order").orElseThrow();

        assertThat(resolved.version()).isEqualTo(2);
        assertThat(resolved.schema().field("coupon")).isPresent();
    }

    @Test
    void resolvesNothingForAnUnknownSubject() {
        SchemaCatalog catalog = catalogHolding(List.of(version(Subject.of("shop", "order"), 1, "order_id")));

        assertThat(catalog.resolve("billing", "order")).isEmpty();
    }

    @Test
    void findsExactlyTheRequestedVersion() {
        Subject subject = Subject.of("shop", "order");
        SchemaCatalog catalog = catalogHolding(List.of(
                version(subject, 1, "order_id"),
                version(subject, 2, "order_id", "coupon")));

        assertThat(catalog.find(subject, 1).orElseThrow().schema().fields()).extracting(Field::name)
                .containsExactly("order_id");
        assertThat(catalog.find(subject, 3)).isEmpty();
    }

    @Test
    void findsAVersionByItsGlobalId() {
        Subject subject = Subject.of("shop", "order");
        SchemaCatalog catalog = catalogHolding(List.of(version(subject, 1, "order_id")));
        CompiledSchema registered = catalog.find(subject, 1).orElseThrow();

        assertThat(registered.id()).isPositive();
        assertThat(catalog.byId(registered.id()).orElseThrow().subject()).isEqualTo(subject);
        assertThat(catalog.byId(registered.id() + 1_000_000)).isEmpty();
    }

    @Test
    void compiledVersionsCarryAPredicatePerRule() {
        Subject subject = Subject.of("shop", "order");
        SchemaCatalog catalog = catalogHolding(List.of(version(subject, 1, "order_id")));

        assertThat(catalog.resolve("shop", "order").orElseThrow().predicates()).isEqualTo(Map.of());
    }
}
