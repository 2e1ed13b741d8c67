package dev.sluice.domain.model.schema;

import dev.sluice.domain.model.payload.ObjectValue;

/** A compiled cross-field rule: true when the payload satisfies it. Implementations are thread-safe. */
@FunctionalInterface
public interface RulePredicate {

    boolean test(ObjectValue payload);
}
