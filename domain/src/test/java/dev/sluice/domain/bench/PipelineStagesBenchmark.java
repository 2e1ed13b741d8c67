package dev.sluice.domain.bench;

import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.ContentFingerprinter;
import dev.sluice.domain.model.envelope.EnvelopeMapper;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.MappingResult;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadJson;
import dev.sluice.domain.model.pii.PiiKeyRing;
import dev.sluice.domain.model.pii.PiiPolicy;
import dev.sluice.domain.model.pii.Pseudonymised;
import dev.sluice.domain.model.pii.Pseudonymiser;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.validation.ValidationResult;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TelemetryEvents;
import dev.sluice.domain.testing.TestRuleCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The per-event domain stages of ingestion, one at a time, for seed 002's ACME sample record as the
 * pipeline sees it (mapped with {@link TelemetryEvents#ACME_MAPPING}): map, validate, pseudonymise,
 * fingerprint. Average time per operation in nanoseconds; the whole pipeline's budget is 13 µs CPU
 * per event, so each stage should take about 1 µs or less.
 *
 * <pre>./mvnw -B -q -Pbench -pl domain test-compile exec:exec -Dbench.args="PipelineStagesBenchmark"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineStagesBenchmark {

    private final EnvelopeMapper mapper = new EnvelopeMapper();
    private final SchemaValidator validator = new SchemaValidator();
    private final Instant ingestTime = Instant.parse("2025-08-11T14:30:46Z");
    private Pseudonymiser pseudonymiser;
    private ContentFingerprinter fingerprinter;
    private CompiledSchema schema;
    private ObjectValue record;
    private EventEnvelope envelope;
    private ObjectValue pseudonymisedPayload;
    private final PayloadJson.Utf8Writer json = new PayloadJson.Utf8Writer();

    @Setup
    public void setUp() {
        schema = TestRuleCompiler.compileAll(SeedSchemas.acmeVideo());
        record = SeedSchemas.acmeSampleRecord();
        pseudonymiser = new Pseudonymiser(PiiKeyRing.single("k1",
                "pii-secret-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8)), PiiPolicy.pseudonymiseLowAndHigh());
        fingerprinter = new ContentFingerprinter("fingerprint-secret-0123456789abc".getBytes(StandardCharsets.UTF_8));
        if (!(mapper.map(record, TelemetryEvents.ACME_MAPPING, ingestTime) instanceof MappingResult.Mapped m)) {
            throw new IllegalStateException("the ACME sample does not map");
        }
        envelope = m.envelope();
        if (!validator.validate(schema, envelope.payload()).isValid()
                || pseudonymiser.apply(schema.schema(), envelope.payload()).replaced() != 3) {
            throw new IllegalStateException("benchmark fixtures do not behave as expected");
        }
        pseudonymisedPayload = pseudonymiser.apply(schema.schema(), envelope.payload()).payload();
    }

    @Benchmark
    public MappingResult map() {
        return mapper.map(record, TelemetryEvents.ACME_MAPPING, ingestTime);
    }

    @Benchmark
    public ValidationResult validate() {
        return validator.validate(schema, envelope.payload());
    }

    @Benchmark
    public Pseudonymised pseudonymise() {
        return pseudonymiser.apply(schema.schema(), envelope.payload());
    }

    @Benchmark
    public ContentFingerprint fingerprint() {
        return fingerprinter.fingerprint(envelope);
    }

    /** The JSON text of the stored (pseudonymised) payload, as the events table's writer encodes it. */
    @Benchmark
    public int payloadJson() {
        return json.write(pseudonymisedPayload);
    }
}
