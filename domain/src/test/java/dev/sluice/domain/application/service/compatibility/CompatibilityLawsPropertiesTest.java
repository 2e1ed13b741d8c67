package dev.sluice.domain.application.service.compatibility;

import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Laws every compatibility check must obey, over randomly generated schemas. */
class CompatibilityLawsPropertiesTest {

    private static final Subject SUBJECT = Subject.of("prop", "event");
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");
    private static final List<FieldType> TYPES = List.of(FieldType.STRING, FieldType.LONG, FieldType.DOUBLE,
            FieldType.BOOLEAN, FieldType.UUID, FieldType.DATE, FieldType.TIMESTAMP, FieldType.JSON);

    private final CompatibilityChecker checker = new CompatibilityChecker();

    @Property(tries = 500)
    void backwardOfAAgainstBHoldsExactlyWhenForwardOfBAgainstAHolds(@ForAll("schemas") SchemaVersion a,
            @ForAll("schemas") SchemaVersion b) {
        SchemaVersion newer = a.withVersion(2);
        SchemaVersion older = b.withVersion(1);

        CompatibilityResult backward = checker.check(CompatibilityMode.BACKWARD, newer, List.of(older));
        CompatibilityResult forward = checker.check(CompatibilityMode.FORWARD, older, List.of(newer));

        assertThat(backward.isCompatible()).isEqualTo(forward.isCompatible());
        // the same reader/writer pair is compared; only the framing (which one is the candidate) differs
        assertThat(backward.incompatibilities()).hasSameSizeAs(forward.incompatibilities());
    }

    @Property(tries = 500)
    void fullMeansBackwardAndForward(@ForAll("schemas") SchemaVersion a, @ForAll("schemas") SchemaVersion b) {
        SchemaVersion candidate = a.withVersion(2);
        List<SchemaVersion> previous = List.of(b.withVersion(1));

        CompatibilityResult full = checker.check(CompatibilityMode.FULL, candidate, previous);
        CompatibilityResult backward = checker.check(CompatibilityMode.BACKWARD, candidate, previous);
        CompatibilityResult forward = checker.check(CompatibilityMode.FORWARD, candidate, previous);

        assertThat(full.isCompatible()).isEqualTo(backward.isCompatible() && forward.isCompatible());
        assertThat(full.incompatibilities()).hasSize(backward.incompatibilities().size() + forward.incompatibilities().size());
    }

    @Property(tries = 300)
    void everySchemaReadsItself(@ForAll("schemas") SchemaVersion a) {
        assertThat(checker.canRead(a.withVersion(2), a).incompatibilities()).isEmpty();
    }

    @Property(tries = 500)
    void addingAnOptionalFieldIsBackwardCompatible(@ForAll("schemas") SchemaVersion a, @ForAll("types") FieldType type) {
        List<Field> fields = new ArrayList<>(a.fields());
        fields.add(Field.optional("added_later", type));
        SchemaVersion candidate = new SchemaVersion(a.subject(), a.version() + 1, fields, a.rules(), a.closed(),
                a.status(), a.compatibility(), a.doc());

        assertThat(checker.check(CompatibilityMode.BACKWARD, candidate, List.of(a)).incompatibilities()).isEmpty();
        assertThat(checker.check(CompatibilityMode.BACKWARD_TRANSITIVE, candidate, List.of(a)).incompatibilities()).isEmpty();
    }

    @Property(tries = 200)
    void noneAlwaysPasses(@ForAll("schemas") SchemaVersion a, @ForAll("schemas") SchemaVersion b,
            @ForAll("schemas") SchemaVersion c) {
        assertThat(checker.check(CompatibilityMode.NONE, a.withVersion(3), List.of(b.withVersion(1), c.withVersion(2)))
                .isCompatible()).isTrue();
    }

    @Property(tries = 300)
    void withOnePreviousVersionTransitiveAndLatestOnlyAgree(@ForAll("schemas") SchemaVersion a,
            @ForAll("schemas") SchemaVersion b) {
        List<SchemaVersion> previous = List.of(b.withVersion(1));
        SchemaVersion candidate = a.withVersion(2);

        assertThat(checker.check(CompatibilityMode.BACKWARD_TRANSITIVE, candidate, previous))
                .isEqualTo(checker.check(CompatibilityMode.BACKWARD, candidate, previous));
        assertThat(checker.check(CompatibilityMode.FULL_TRANSITIVE, candidate, previous))
                .isEqualTo(checker.check(CompatibilityMode.FULL, candidate, previous));
    }

    @Property(tries = 300)
    void transitiveFindsAtLeastWhatLatestOnlyFinds(@ForAll("schemas") SchemaVersion a, @ForAll("schemas") SchemaVersion b,
            @ForAll("schemas") SchemaVersion c) {
        List<SchemaVersion> previous = List.of(b.withVersion(1), c.withVersion(2));
        SchemaVersion candidate = a.withVersion(3);

        assertThat(checker.check(CompatibilityMode.FORWARD_TRANSITIVE, candidate, previous).incompatibilities())
                .containsAll(checker.check(CompatibilityMode.FORWARD, candidate, previous).incompatibilities());
    }

    @Provide
    Arbitrary<FieldType> types() {
        return Arbitraries.of(TYPES);
    }

    @Provide
    Arbitrary<SchemaVersion> schemas() {
        Arbitrary<Field> field = Combinators.combine(
                Arbitraries.of(NAMES), Arbitraries.of(TYPES), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 5), Arbitraries.of(List.<String>of(), List.of("a"), List.of("z")))
                .as(CompatibilityLawsPropertiesTest::field);
        return Combinators.combine(field.list().ofMaxSize(5), Arbitraries.of(true, false)).as((fields, closed) -> {
            Map<String, Field> unique = new LinkedHashMap<>();
            for (Field f : fields) {
                unique.putIfAbsent(f.name(), f);
            }
            List<Field> list = new ArrayList<>(unique.values());
            Set<String> names = new HashSet<>(unique.keySet());
            // an alias naming a field of the same schema would make two fields read one member: drop it
            list.replaceAll(f -> f.aliases().stream().anyMatch(names::contains) ? f.toBuilder().aliases(List.of()).build() : f);
            return SchemaVersion.of(SUBJECT, 1, list).withClosed(closed);
        });
    }

    private static Field field(String name, FieldType type, boolean required, int variant, List<String> aliases) {
        Field.Builder b = Field.builder(name, type).required(required).aliases(aliases);
        switch (variant) {
            case 1 -> {
                if (type == FieldType.STRING) {
                    b.constraints(Constraints.enumOf("x", "y"));
                }
            }
            case 2 -> {
                if (type == FieldType.STRING) {
                    b.constraints(Constraints.enumOf("x"));
                } else if (type.isNumeric()) {
                    b.constraints(Constraints.range(0, 10));
                }
            }
            case 3 -> {
                if (type.isNumeric()) {
                    b.constraints(Constraints.range(-5, 100));
                }
            }
            case 4 -> {
                if (type == FieldType.STRING) {
                    b.defaultValue(new StringValue("d"));
                }
            }
            default -> {
            }
        }
        return b.build();
    }
}
