package dev.sluice.domain.model.schema;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A schema version ready for the hot path: its rules compiled to predicates, and the registry id
 * it is known by. Build one with a {@link dev.sluice.domain.application.port.out.RuleCompiler}.
 *
 * @param id the registry's global id of this version (Confluent's schema id), or 0 when unregistered
 * @param schema the schema version
 * @param predicates one predicate per rule id of {@code schema.rules()}
 */
public record CompiledSchema(long id, SchemaVersion schema, Map<String, RulePredicate> predicates) {

    public CompiledSchema {
        requireNonNull(schema, "schema is null");
        requireNonNull(predicates, "predicates is null");
        predicates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predicates));
        for (Rule rule : schema.rules()) {
            if (!predicates.containsKey(rule.id())) {
                throw new IllegalArgumentException("Schema " + schema.subject() + " version " + schema.version()
                        + " has rule '" + rule.id() + "' but no compiled predicate for it");
            }
        }
    }

    public Subject subject() {
        return schema.subject();
    }

    public int version() {
        return schema.version();
    }
}
