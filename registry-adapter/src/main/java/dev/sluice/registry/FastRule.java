package dev.sluice.registry;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.RulePredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A type-checked CEL expression of the common subset compiled into a tree of small Java nodes
 * that read the payload directly, with no conversion of the payload and no allocation per
 * evaluation. Semantics follow CEL: {@code ||} is true when either side is true even if the other
 * errs, {@code &&} is false when either side is false, and an absent member or a comparison of
 * mismatched types is an error (reported as {@link CelRuleCompiler.RuleEvaluationException}).
 */
final class FastRule implements RulePredicate {

    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int ERROR = -1;
    /** Marks a value that could not be produced (absent member). */
    static final Object MISSING = new Object();
    static final Object NULL = new Object();

    private final String ruleId;
    private final String expression;
    private final BoolNode root;

    FastRule(String ruleId, String expression, BoolNode root) {
        this.ruleId = ruleId;
        this.expression = expression;
        this.root = root;
    }

    @Override
    public boolean test(ObjectValue payload) {
        int r = root.eval(payload);
        if (r == ERROR) {
            throw new CelRuleCompiler.RuleEvaluationException(ruleId,
                    "'" + expression + "' names an absent member or compares values of different types");
        }
        return r == TRUE;
    }

    interface BoolNode {
        int eval(ObjectValue p);
    }

    interface ValueNode {
        /** A String, Long, Double, Boolean, {@link #NULL} or {@link #MISSING}. */
        Object eval(ObjectValue p);
    }

    /** The fast tree for {@code expr}, or empty when the expression uses anything outside the subset. */
    static Optional<BoolNode> translate(CelExpr expr) {
        try {
            return Optional.of(bool(expr));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static BoolNode bool(CelExpr e) {
        switch (e.getKind()) {
            case CONSTANT -> {
                if (e.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE) {
                    int v = e.constant().booleanValue() ? TRUE : FALSE;
                    return p -> v;
                }
                throw new Unsupported();
            }
            case IDENT -> {
                ValueNode v = value(e);
                return p -> {
                    Object o = v.eval(p);
                    return o instanceof Boolean b ? (b ? TRUE : FALSE) : ERROR;
                };
            }
            case CALL -> {
                CelExpr.CelCall call = e.call();
                if (call.target().isPresent()) {
                    throw new Unsupported();
                }
                List<CelExpr> args = call.args();
                switch (call.function()) {
                    case "_&&_" -> {
                        BoolNode l = bool(args.get(0));
                        BoolNode r = bool(args.get(1));
                        return p -> {
                            int a = l.eval(p);
                            if (a == FALSE) {
                                return FALSE;
                            }
                            int b = r.eval(p);
                            if (b == FALSE) {
                                return FALSE;
                            }
                            return a == TRUE && b == TRUE ? TRUE : ERROR;
                        };
                    }
                    case "_||_" -> {
                        BoolNode l = bool(args.get(0));
                        BoolNode r = bool(args.get(1));
                        return p -> {
                            int a = l.eval(p);
                            if (a == TRUE) {
                                return TRUE;
                            }
                            int b = r.eval(p);
                            if (b == TRUE) {
                                return TRUE;
                            }
                            return a == FALSE && b == FALSE ? FALSE : ERROR;
                        };
                    }
                    case "!_" -> {
                        BoolNode x = bool(args.get(0));
                        return p -> {
                            int a = x.eval(p);
                            return a == ERROR ? ERROR : 1 - a;
                        };
                    }
                    case "_==_" -> {
                        ValueNode l = value(args.get(0));
                        ValueNode r = value(args.get(1));
                        return p -> equal(l.eval(p), r.eval(p));
                    }
                    case "_!=_" -> {
                        ValueNode l = value(args.get(0));
                        ValueNode r = value(args.get(1));
                        return p -> {
                            int eq = equal(l.eval(p), r.eval(p));
                            return eq == ERROR ? ERROR : 1 - eq;
                        };
                    }
                    case "_<_", "_<=_", "_>_", "_>=_" -> {
                        ValueNode l = value(args.get(0));
                        ValueNode r = value(args.get(1));
                        String f = call.function();
                        return switch (f) {
                            case "_<_" -> p -> ordered(l.eval(p), r.eval(p), c -> c < 0);
                            case "_<=_" -> p -> ordered(l.eval(p), r.eval(p), c -> c <= 0);
                            case "_>_" -> p -> ordered(l.eval(p), r.eval(p), c -> c > 0);
                            default -> p -> ordered(l.eval(p), r.eval(p), c -> c >= 0);
                        };
                    }
                    case "@in" -> {
                        ValueNode needle = value(args.get(0));
                        CelExpr list = args.get(1);
                        if (list.getKind() != CelExpr.ExprKind.Kind.LIST) {
                            throw new Unsupported();
                        }
                        List<Object> values = new ArrayList<>();
                        for (CelExpr el : list.list().elements()) {
                            if (el.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
                                throw new Unsupported();
                            }
                            values.add(constant(el.constant()));
                        }
                        Object[] haystack = values.toArray();
                        return p -> {
                            Object v = needle.eval(p);
                            if (v == MISSING) {
                                return ERROR;
                            }
                            for (Object h : haystack) {
                                if (equal(v, h) == TRUE) {
                                    return TRUE;
                                }
                            }
                            return FALSE;
                        };
                    }
                    default -> throw new Unsupported();
                }
            }
            default -> throw new Unsupported();
        }
    }

    private static ValueNode value(CelExpr e) {
        switch (e.getKind()) {
            case CONSTANT -> {
                Object c = constant(e.constant());
                return p -> c;
            }
            case IDENT -> {
                String name = e.ident().name();
                return p -> read(p.getOrNull(name));
            }
            default -> throw new Unsupported();
        }
    }

    private static Object constant(CelConstant c) {
        return switch (c.getKind()) {
            case BOOLEAN_VALUE -> c.booleanValue();
            case INT64_VALUE -> c.int64Value();
            case DOUBLE_VALUE -> c.doubleValue();
            case STRING_VALUE -> c.stringValue();
            case NULL_VALUE -> NULL;
            default -> throw new Unsupported();
        };
    }

    private static Object read(PayloadValue v) {
        return switch (v) {
            case null -> MISSING;
            case StringValue s -> s.value();
            case NumberValue n -> n.value() instanceof Long l ? l : (Object) n.asDouble();
            case BooleanValue b -> b.value();
            case NullValue n -> NULL;
            default -> MISSING; // objects and arrays never reach the subset: the checker typed them as maps and lists
        };
    }

    private static int equal(Object a, Object b) {
        if (a == MISSING || b == MISSING) {
            return ERROR;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long l && y instanceof Long m) {
                return l.longValue() == m.longValue() ? TRUE : FALSE;
            }
            return x.doubleValue() == y.doubleValue() ? TRUE : FALSE;
        }
        if (a == NULL || b == NULL) {
            return a == b ? TRUE : FALSE;
        }
        if (a.getClass() != b.getClass()) {
            return ERROR;
        }
        return a.equals(b) ? TRUE : FALSE;
    }

    private interface Test {
        boolean holds(int comparison);
    }

    private static int ordered(Object a, Object b, Test test) {
        int c;
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long l && y instanceof Long m) {
                c = Long.compare(l, m);
            } else {
                double dx = x.doubleValue();
                double dy = y.doubleValue();
                if (Double.isNaN(dx) || Double.isNaN(dy)) {
                    return FALSE;
                }
                c = dx < dy ? -1 : (dx > dy ? 1 : 0);
            }
        } else if (a instanceof String s && b instanceof String t) {
            c = s.compareTo(t);
        } else if (a instanceof Boolean s && b instanceof Boolean t) {
            c = Boolean.compare(s, t);
        } else {
            return ERROR;
        }
        return test.holds(c) ? TRUE : FALSE;
    }
}
