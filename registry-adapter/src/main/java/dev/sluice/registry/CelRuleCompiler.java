package dev.sluice.registry;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.sluice.domain.application.port.out.RuleCompiler;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RuleCompiler} for CEL (Google's {@code dev.cel:cel}). Every rule is parsed and
 * type-checked by CEL against the schema's top-level fields, and must yield a bool. Rules in the
 * common subset (field references, literals, comparisons, {@code &&}, {@code ||}, {@code !},
 * {@code in [...]}) are then translated into {@link FastRule} trees that evaluate directly on the
 * payload, with CEL's semantics for errors; anything else runs on CEL's interpreter.
 */
final class CelRuleCompiler implements RuleCompiler {

    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private final boolean fastPath;

    CelRuleCompiler() {
        this(true);
    }

    /** With {@code fastPath} false every rule runs on CEL's interpreter (for differential tests and benchmarks). */
    CelRuleCompiler(boolean fastPath) {
        this.fastPath = fastPath;
    }

    @Override
    public RulePredicate compile(Rule rule, SchemaVersion schema) {
        if (!Rule.CEL.equals(rule.language().toLowerCase(Locale.ROOT))) {
            throw new InvalidRuleException(rule.id(), "unsupported language '" + rule.language() + "'; Sluice supports cel");
        }
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
        Map<String, Field> fields = new HashMap<>();
        for (Field f : schema.fields()) {
            builder.addVar(f.name(), celType(f));
            fields.put(f.name(), f);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = builder.build().compile(rule.expression()).getAst();
        } catch (CelValidationException e) {
            throw new InvalidRuleException(rule.id(), "CEL expression '" + rule.expression() + "' does not compile against "
                    + schema.subject() + ": " + e.getMessage().replace('\n', ' '));
        }
        if (fastPath) {
            Optional<FastRule.BoolNode> fast = FastRule.translate(ast.getExpr());
            if (fast.isPresent()) {
                return new FastRule(rule.id(), rule.expression(), fast.get());
            }
        }
        CelRuntime.Program program;
        try {
            program = runtime.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new InvalidRuleException(rule.id(), "CEL cannot plan '" + rule.expression() + "': " + e.getMessage());
        }
        return new Interpreted(rule.id(), program, fields);
    }

    static CelType celType(Field f) {
        return switch (f.type()) {
            case STRING, TIMESTAMP, DATE, UUID -> SimpleType.STRING;
            case LONG -> SimpleType.INT;
            case DOUBLE -> SimpleType.DOUBLE;
            case BOOLEAN -> SimpleType.BOOL;
            case STRUCT, MAP -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            case LIST -> ListType.create(SimpleType.DYN);
            case JSON -> SimpleType.DYN;
        };
    }

    /** A rule outside the fast subset: evaluated by CEL's interpreter with the payload's members as variables. */
    private record Interpreted(String ruleId, CelRuntime.Program program, Map<String, Field> fields) implements RulePredicate {

        @Override
        public boolean test(ObjectValue payload) {
            Object result;
            try {
                result = program.eval(name -> {
                    PayloadValue v = payload.getOrNull(name);
                    if (v == null) {
                        return Optional.empty();
                    }
                    Field f = fields.get(name);
                    if (f != null && f.type() == FieldType.DOUBLE && v instanceof NumberValue n) {
                        return Optional.of(n.asDouble());
                    }
                    return Optional.of(Payloads.toCel(v));
                });
            } catch (CelEvaluationException e) {
                throw new RuleEvaluationException(ruleId, e.getMessage());
            }
            if (result instanceof Boolean b) {
                return b;
            }
            throw new RuleEvaluationException(ruleId, "evaluated to " + result + " instead of a bool");
        }
    }

    /** A rule that cannot be evaluated for one payload, for example because a member it names is absent. */
    static final class RuleEvaluationException extends RuntimeException {
        RuleEvaluationException(String ruleId, String message) {
            super("Rule '" + ruleId + "' could not be evaluated: " + message, null, false, false);
        }
    }
}
