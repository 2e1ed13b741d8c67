package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.RuleCompiler;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A hand-written fake {@link RuleCompiler} that knows the CEL expressions of {@link SeedSchemas} and
 * maps each to a Java lambda with the same meaning. Any other expression, or a language other than
 * {@code cel}, is refused with {@link InvalidRuleException}. The real CEL compiler lives in the
 * registry adapter.
 *
 * <p>Like CEL, a predicate fails (here with {@link IllegalStateException}) when a member it reads is
 * absent or of the wrong kind; the validator reports that as a rule error.
 */
public final class TestRuleCompiler implements RuleCompiler {

    private static final Map<String, RulePredicate> KNOWN = Map.of(
            SeedSchemas.EXPR_START_HAS_NO_WATCH_TIME,
            p -> !text(p, "event_type").equals("start") || integer(p, "watch_duration_seconds") == 0,
            SeedSchemas.EXPR_NO_BUFFERING_NO_BUFFER_TIME,
            p -> integer(p, "buffering_events") != 0 || integer(p, "buffering_duration_seconds") == 0,
            SeedSchemas.EXPR_4K_NEEDS_BANDWIDTH,
            p -> !text(p, "quality").equals("4K") || number(p, "bandwidth_mbps") >= 15.0,
            SeedSchemas.EXPR_BUFFERING_WITHIN_WATCH_TIME,
            p -> integer(p, "buffering_duration_seconds") <= integer(p, "watch_duration_seconds"),
            SeedSchemas.EXPR_RANKING_AT_MOST_K_ITEMS,
            p -> list(p, "items").size() <= integer(p, "k"));

    @Override
    public RulePredicate compile(Rule rule, SchemaVersion schema) {
        requireNonNull(rule, "rule is null");
        requireNonNull(schema, "schema is null");
        if (!Rule.CEL.equals(rule.language())) {
            throw new InvalidRuleException(rule.id(), "language '" + rule.language() + "' is not supported, only cel");
        }
        RulePredicate predicate = KNOWN.get(rule.expression());
        if (predicate == null) {
            throw new InvalidRuleException(rule.id(), "the test compiler does not know the expression '"
                    + rule.expression() + "'");
        }
        return predicate;
    }

    /** {@code schema} with every rule compiled, unregistered (id 0). */
    public static CompiledSchema compileAll(SchemaVersion schema) {
        TestRuleCompiler compiler = new TestRuleCompiler();
        Map<String, RulePredicate> predicates = new LinkedHashMap<>();
        for (Rule rule : schema.rules()) {
            predicates.put(rule.id(), compiler.compile(rule, schema));
        }
        return new CompiledSchema(0, schema, predicates);
    }

    private static PayloadValue member(ObjectValue p, String name) {
        PayloadValue v = p.getOrNull(name);
        if (v == null) {
            throw new IllegalStateException("no such key: " + name);
        }
        return v;
    }

    private static String text(ObjectValue p, String name) {
        if (member(p, name) instanceof StringValue s) {
            return s.value();
        }
        throw new IllegalStateException("'" + name + "' is " + member(p, name).kind() + ", not a string");
    }

    private static long integer(ObjectValue p, String name) {
        if (member(p, name) instanceof NumberValue n && n.fitsLong()) {
            return n.asLong();
        }
        throw new IllegalStateException("'" + name + "' is " + member(p, name).kind() + ", not an integer");
    }

    private static double number(ObjectValue p, String name) {
        if (member(p, name) instanceof NumberValue n) {
            return n.asDouble();
        }
        throw new IllegalStateException("'" + name + "' is " + member(p, name).kind() + ", not a number");
    }

    private static java.util.List<PayloadValue> list(ObjectValue p, String name) {
        if (member(p, name) instanceof ArrayValue a) {
            return a.elements();
        }
        throw new IllegalStateException("'" + name + "' is " + member(p, name).kind() + ", not a list");
    }
}
