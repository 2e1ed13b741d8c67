package dev.sluice.domain.application.service.validation;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.validation.ValidationResult;

/**
 * Validates payloads against a compiled schema: structure first (presence, types, constraints,
 * closed content), then cross-field rules. Stops after {@code maxViolations}. Pure and thread-safe.
 */
public final class SchemaValidator {

    public static final int DEFAULT_MAX_VIOLATIONS = 20;

    private final int maxViolations;

    public SchemaValidator() {
        this(DEFAULT_MAX_VIOLATIONS);
    }

    public SchemaValidator(int maxViolations) {
        if (maxViolations < 1) {
            throw new IllegalArgumentException("maxViolations must be at least 1, got " + maxViolations);
        }
        this.maxViolations = maxViolations;
    }

    public ValidationResult validate(CompiledSchema schema, ObjectValue payload) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
