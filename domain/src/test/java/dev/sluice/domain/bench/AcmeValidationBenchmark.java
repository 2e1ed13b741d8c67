package dev.sluice.domain.bench;

import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.validation.ValidationResult;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestRuleCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Validating one ACME video event (seed 002: 24 fields, patterns, enums, ranges, IPv4, semver, an
 * ISO timestamp, closed content, and the four logical rules) against its schema. Target: 500,000
 * validations per second on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AcmeValidationBenchmark {

    private SchemaValidator validator;
    private CompiledSchema schema;
    private ObjectValue validEvent;
    private ObjectValue ruleBreakingEvent;

    @Setup
    public void setUp() {
        validator = new SchemaValidator();
        schema = TestRuleCompiler.compileAll(SeedSchemas.acmeVideo());
        validEvent = SeedSchemas.acmeSampleRecord();
        ruleBreakingEvent = SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("quality", "4K").put("bandwidth_mbps", 9.5).build());
        if (!validator.validate(schema, validEvent).isValid() || validator.validate(schema, ruleBreakingEvent).isValid()) {
            throw new IllegalStateException("benchmark fixtures do not validate as expected");
        }
    }

    /** The happy path: a valid event, every check and every rule run, nothing reported. */
    @Benchmark
    public ValidationResult validAcmeEvent() {
        return validator.validate(schema, validEvent);
    }

    /** An event that breaks one rule: the fail-fast pass, then the collecting pass. */
    @Benchmark
    public ValidationResult acmeEventBreakingOneRule() {
        return validator.validate(schema, ruleBreakingEvent);
    }
}
