package dev.sluice.registry;

import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache itself, against a counting loader: it answers repeated lookups, hits and misses alike, from memory. */
class CachingSchemaCatalogTest {

    /** A hand-written loader over a map of subject to versions (oldest first), counting its calls. */
    static final class MapLoader implements CachingSchemaCatalog.Loader {
        final Map<String, List<StoredVersion>> subjects = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        void add(String subject, int version, long id, String... fields) {
            SchemaVersion model = SchemaVersion.of(Subject.parse(subject), version,
                    java.util.Arrays.stream(fields).map(f -> Field.optional(f, FieldType.STRING)).toList());
            StoredVersion v = new StoredVersion(id, model, SchemaFormat.JSON, "{}", null, "fp" + id, "{}", null, false,
                    Instant.EPOCH, "test");
            subjects.merge(subject, List.of(v), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        }

        @Override
        public Optional<StoredVersion> latest(String subject) {
            calls.incrementAndGet();
            List<StoredVersion> vs = subjects.getOrDefault(subject, List.of());
            return vs.isEmpty() ? Optional.empty() : Optional.of(vs.getLast());
        }

        @Override
        public Optional<StoredVersion> version(String subject, int version) {
            calls.incrementAndGet();
            return subjects.getOrDefault(subject, List.of()).stream().filter(v -> v.version() == version).findFirst();
        }

        @Override
        public Optional<StoredVersion> byId(long id) {
            calls.incrementAndGet();
            return subjects.values().stream().flatMap(List::stream).filter(v -> v.id() == id).findFirst();
        }
    }

    private final MapLoader loader = new MapLoader();
    private final CachingSchemaCatalog catalog = new CachingSchemaCatalog(loader, new CelRuleCompiler());

    @Test
    void repeatedLookupsIncludingMissesNeverReachTheLoaderAgain() {
        loader.add("shop.order", 1, 10, "order_id");
        for (int i = 0; i < 1000; i++) {
            assertThat(catalog.resolve("shop", "order")).isPresent();
            assertThat(catalog.resolve("billing", "invoice")).isEmpty();
            assertThat(catalog.find(Subject.of("shop", "order"), 1)).isPresent();
            assertThat(catalog.byId(10)).isPresent();
            assertThat(catalog.byId(99)).isEmpty();
        }
        // resolve: 1 call for shop.order; 2 for billing.invoice then billing; find: 1; byId: 2
        assertThat(loader.calls.get()).isEqualTo(6);
    }

    @Test
    void invalidatingASubjectReloadsItsSourceButNotOthers() {
        loader.add("shop.order", 1, 10, "order_id");
        loader.add("ads", 1, 20, "campaign");
        catalog.resolve("shop", "order");
        catalog.resolve("ads", "click");
        loader.add("shop.order", 2, 11, "order_id", "coupon");
        int before = loader.calls.get();

        catalog.invalidate("shop.order");

        assertThat(catalog.resolve("shop", "order").orElseThrow().version()).isEqualTo(2);
        assertThat(catalog.resolve("ads", "click").orElseThrow().id()).isEqualTo(20);
        assertThat(loader.calls.get()).isEqualTo(before + 1);
    }

    @Test
    void aNewSourceLevelSubjectIsSeenByEventTypesThatHadNoSchema() {
        assertThat(catalog.resolve("shop", "refund")).isEmpty();
        loader.add("shop", 1, 30, "any");

        catalog.invalidate("shop");

        assertThat(catalog.resolve("shop", "refund").orElseThrow().id()).isEqualTo(30);
    }

    @Test
    void aLoadOverlappingAnInvalidationIsNotCached() {
        loader.add("shop.order", 1, 10, "order_id");
        CachingSchemaCatalog racing = new CachingSchemaCatalog(new CachingSchemaCatalog.Loader() {
            private boolean first = true;

            @Override
            public Optional<StoredVersion> latest(String subject) {
                Optional<StoredVersion> v = loader.latest(subject);
                if (first) {
                    first = false;
                    loader.add("shop.order", 2, 11, "order_id", "coupon");
                    holder[0].invalidate("shop.order"); // the change event arrives while this load runs
                }
                return v;
            }

            @Override
            public Optional<StoredVersion> version(String subject, int version) {
                return loader.version(subject, version);
            }

            @Override
            public Optional<StoredVersion> byId(long id) {
                return loader.byId(id);
            }
        }, new CelRuleCompiler());
        holder[0] = racing;

        assertThat(racing.resolve("shop", "order").orElseThrow().version()).isEqualTo(1);
        assertThat(racing.resolve("shop", "order").orElseThrow().version()).isEqualTo(2);
    }

    private final CachingSchemaCatalog[] holder = new CachingSchemaCatalog[1];

    @Test
    void compiledSchemasCarryTheirRulesPredicates() {
        SchemaVersion model = dev.sluice.domain.testing.SeedSchemas.acmeVideo();
        loader.subjects.put("acme-telemetry", List.of(new StoredVersion(5, model, SchemaFormat.JSON, "{}", null, "fp", "{}",
                null, false, Instant.EPOCH, "t")));

        var compiled = catalog.resolve("acme-telemetry", "start").orElseThrow();

        assertThat(compiled.predicates()).hasSize(4);
        assertThat(compiled.predicates().values()).allSatisfy(p ->
                assertThat(p.test(dev.sluice.domain.testing.SeedSchemas.acmeSampleRecord())).isTrue());
    }
}
