package dev.sluice.domain.model.schema;

import static java.util.Objects.requireNonNull;

/**
 * A cross-field rule of a schema, such as seed 002's
 * {@code event_type != 'start' || watch_duration_seconds == 0}. The domain keeps the expression as
 * text; a {@link dev.sluice.domain.application.port.out.RuleCompiler} supplied by an adapter (CEL)
 * turns it into a {@link RulePredicate}.
 *
 * @param id a stable identifier, reported in violations
 * @param message what a violation means, for humans
 * @param expression the predicate, true when the record is valid
 * @param language the expression language, for example {@code cel}
 */
public record Rule(String id, String message, String expression, String language) {

    public static final String CEL = "cel";

    public Rule {
        requireNonNull(id, "id is null");
        requireNonNull(message, "message is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(language, "language is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("rule id is blank");
        }
    }

    public static Rule cel(String id, String message, String expression) {
        return new Rule(id, message, expression, CEL);
    }
}
