package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.application.service.profiling.text.PayloadArbitraries;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.profile.ProfileResult;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.model.validation.ValidationResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilingPropertiesTest {

    private static final Subject SUBJECT = Subject.of("acme", "video");

    @Provide
    Arbitrary<List<ObjectValue>> samples() {
        return PayloadArbitraries.documents(3).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Documents that share member names often, so that types meet and widen. */
    @Provide
    Arbitrary<List<ObjectValue>> overlappingSamples() {
        Arbitrary<String> names = Arbitraries.of("a", "b", "c", "d");
        return Arbitraries.maps(names, PayloadArbitraries.values(2)).ofMaxSize(4)
                .map(m -> new ObjectValue(new java.util.LinkedHashMap<>(m)))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 100)
    void theInferredSchemaValidatesEverySampleItWasInferredFrom(@ForAll("samples") List<ObjectValue> samples) {
        assertValidatesAll(samples);
    }

    @Property(tries = 100)
    void theInferredSchemaValidatesOverlappingSamplesWhoseTypesConflict(
            @ForAll("overlappingSamples") List<ObjectValue> samples) {
        assertValidatesAll(samples);
    }

    @Property(tries = 100)
    void profilingInTwoPartsAndMergingInfersWhatProfilingAtOnceDoes(@ForAll("overlappingSamples") List<ObjectValue> first,
                                                                   @ForAll("overlappingSamples") List<ObjectValue> second) {
        ProfileResult merged = profile(first).merge(profile(second));
        ProfileResult together = profile(concat(first, second));
        assertThat(merged.fields()).isEqualTo(together.fields());
        assertThat(merged.documents()).isEqualTo(together.documents());
    }

    private static void assertValidatesAll(List<ObjectValue> samples) {
        SchemaVersion schema = profile(samples).toSchemaVersion(SUBJECT, 1);
        CompiledSchema compiled = new CompiledSchema(0, schema, Map.of());
        SchemaValidator validator = new SchemaValidator();
        for (ObjectValue sample : samples) {
            ValidationResult result = validator.validate(compiled, sample);
            assertThat(result.isValid())
                    .as("%s%nvalidated against %s%ngives %s", sample, schema.fields(), result.violations())
                    .isTrue();
        }
    }

    private static ProfileResult profile(List<ObjectValue> documents) {
        SchemaProfiler profiler = new SchemaProfiler();
        for (int i = 0; i < documents.size(); i++) {
            profiler.add(documents.get(i), i, i + 1);
        }
        return profiler.result();
    }

    private static List<ObjectValue> concat(List<ObjectValue> a, List<ObjectValue> b) {
        java.util.ArrayList<ObjectValue> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
