package dev.sluice.domain.application.port.out;

import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.SchemaVersion;

/**
 * Turns a rule's expression into a predicate. The registry adapter supplies one for CEL.
 *
 * <p>Contract: {@link #compile} either returns a thread-safe predicate or throws
 * {@link InvalidRuleException} naming the rule and what is wrong with its expression; it never
 * returns a predicate that fails later for a reason visible at compile time.
 */
public interface RuleCompiler {

    /** Compiles {@code rule} in the context of {@code schema}, whose fields the expression may name. */
    RulePredicate compile(Rule rule, SchemaVersion schema);

    /** An expression that cannot be compiled: unknown language, syntax error, unknown field. */
    final class InvalidRuleException extends RuntimeException {
        private final String ruleId;

        public InvalidRuleException(String ruleId, String message) {
            super("Rule '" + ruleId + "' is invalid: " + message);
            this.ruleId = ruleId;
        }

        public String ruleId() {
            return ruleId;
        }
    }
}
