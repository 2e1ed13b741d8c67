package dev.sluice.domain.application.service.validation;

import dev.sluice.domain.application.service.validation.ValidationPlan.FieldPlan;
import dev.sluice.domain.application.service.validation.ValidationPlan.ObjectPlan;
import dev.sluice.domain.model.envelope.Timestamps;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.validation.ValidationResult;
import dev.sluice.domain.model.validation.Violation;
import dev.sluice.domain.model.validation.ViolationCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Validates payloads against a compiled schema: structure first (presence, types, constraints,
 * closed content), then cross-field rules. Stops after {@code maxViolations}. Pure and thread-safe.
 *
 * <p>Contract:
 * <ol>
 *   <li>A required field must be present and not JSON null ({@link ViolationCode#MISSING_REQUIRED});
 *       an optional field may be absent or null, and then nothing else is checked for it. Defaults
 *       are for readers of stored data and do not excuse an absent required member.</li>
 *   <li>Types: STRING a string; LONG an integral number that fits 64 bits (1.0 counts); DOUBLE any
 *       number; BOOLEAN a boolean; TIMESTAMP what {@link Timestamps} accepts (ISO-8601 with an offset,
 *       or epoch milliseconds as a number or digits); DATE {@code yyyy-MM-dd}; UUID the 8-4-4-4-12 hex
 *       form; STRUCT an object, checked recursively; LIST an array, each element checked at
 *       {@code items[3]}; MAP an object, each value checked at {@code tags{key}}; JSON anything.</li>
 *   <li>Constraints: enum, pattern (whole string), format, minLength and maxLength (code points for
 *       strings, size for lists and maps) apply to the value's text; minimum and maximum to numbers.
 *       Each broken constraint is its own violation.</li>
 *   <li>A closed object reports each member it does not list ({@link ViolationCode#UNKNOWN_FIELD}).</li>
 *   <li>Every rule is then evaluated in declaration order, even when the structure is invalid: false
 *       gives {@link ViolationCode#RULE_VIOLATED}; an exception gives {@link ViolationCode#RULE_ERROR}
 *       and never propagates.</li>
 *   <li>At most {@code maxViolations} are returned; {@link ValidationResult#truncated()} is true when
 *       at least one more was found.</li>
 *   <li>A valid payload returns the shared {@link ValidationResult#VALID}.</li>
 * </ol>
 *
 * <p>Design (ADR "Validator design"): each {@link CompiledSchema} is turned once into a
 * {@link ValidationPlan}, cached by identity. Validation then runs in two passes over the same code:
 * a fail-fast pass that allocates nothing and answers "valid?", and, only when it finds something,
 * a collecting pass that builds paths and messages.
 */
public final class SchemaValidator {

    public static final int DEFAULT_MAX_VIOLATIONS = 20;

    /** Plans kept per validator; the cache is cleared when it grows past this (schemas are few). */
    static final int MAX_CACHED_PLANS = 4096;

    private static final int MAX_SHOWN_CHARS = 80;

    private final int maxViolations;
    private final Map<IdentityKey, ValidationPlan> plans = new ConcurrentHashMap<>();
    private volatile ValidationPlan lastPlan;

    public SchemaValidator() {
        this(DEFAULT_MAX_VIOLATIONS);
    }

    public SchemaValidator(int maxViolations) {
        if (maxViolations < 1) {
            throw new IllegalArgumentException("maxViolations must be at least 1, got " + maxViolations);
        }
        this.maxViolations = maxViolations;
    }

    public int maxViolations() {
        return maxViolations;
    }

    public ValidationResult validate(CompiledSchema schema, ObjectValue payload) {
        requireNonNull(schema, "schema is null");
        requireNonNull(payload, "payload is null");
        ValidationPlan plan = planFor(schema);
        if (!walk(plan, payload, null)) {
            return ValidationResult.VALID;
        }
        Sink sink = new Sink(maxViolations);
        walk(plan, payload, sink);
        return sink.result();
    }

    private ValidationPlan planFor(CompiledSchema schema) {
        ValidationPlan plan = lastPlan;
        if (plan != null && plan.schema == schema) {
            return plan;
        }
        IdentityKey key = new IdentityKey(schema);
        plan = plans.get(key);
        if (plan == null) {
            if (plans.size() >= MAX_CACHED_PLANS) {
                plans.clear();
            }
            plan = ValidationPlan.of(schema);
            plans.put(key, plan);
        }
        lastPlan = plan;
        return plan;
    }

    /** Runs every check. With {@code sink == null} stops at the first violation; returns true when it stopped. */
    private static boolean walk(ValidationPlan plan, ObjectValue payload, Sink sink) {
        if (object(plan.root, payload, "", sink)) {
            return true;
        }
        for (int i = 0; i < plan.rules.length; i++) {
            boolean ok;
            Exception failure = null;
            try {
                ok = plan.predicates[i].test(payload);
            } catch (Exception e) {
                ok = false;
                failure = e;
            }
            if (!ok) {
                if (sink == null) {
                    return true;
                }
                String id = plan.rules[i].id();
                Violation v = failure == null
                        ? new Violation(ViolationCode.RULE_VIOLATED, id, "Rule '" + id + "' is violated: "
                                + plan.rules[i].message() + " (" + plan.rules[i].expression() + ")")
                        : new Violation(ViolationCode.RULE_ERROR, id, "Rule '" + id + "' could not be evaluated ("
                                + plan.rules[i].expression() + "): " + failure.getClass().getSimpleName()
                                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
                if (sink.add(v)) {
                    return true;
                }
            }
        }
        return sink != null && sink.hasViolations();
    }

    /** Checks the members of {@code obj}; {@code prefix} is its concrete path ("" for the root), used only when collecting. */
    private static boolean object(ObjectPlan plan, ObjectValue obj, String prefix, Sink sink) {
        FieldPlan[] fields = plan.fields;
        int seen = 0;
        for (int i = 0; i < fields.length; i++) {
            FieldPlan f = fields[i];
            PayloadValue v = plan.members.get(obj, i);
            if (v != null) {
                seen++;
            }
            if (v == null || v instanceof NullValue) {
                if (f.required) {
                    if (sink == null) {
                        return true;
                    }
                    String path = child(prefix, f.name);
                    if (sink.add(new Violation(ViolationCode.MISSING_REQUIRED, path,
                            "Required field '" + path + "' is " + (v == null ? "missing" : "null")))) {
                        return true;
                    }
                }
                continue;
            }
            if (value(f, v, sink == null ? null : child(prefix, f.name), sink)) {
                return true;
            }
        }
        if (plan.closed && seen != obj.size()) {
            if (sink == null) {
                return true;
            }
            for (String member : obj.members().keySet()) {
                if (!plan.names.contains(member)) {
                    String path = child(prefix, member);
                    if (sink.add(new Violation(ViolationCode.UNKNOWN_FIELD, path, "Field '" + path
                            + "' is not allowed: the " + (prefix.isEmpty() ? "schema" : "object '" + prefix + "'")
                            + " is closed and lists only " + sortedNames(plan))) ) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Checks one present, non-null value against its field. {@code path} is null in the fail-fast pass. */
    private static boolean value(FieldPlan f, PayloadValue v, String path, Sink sink) {
        switch (f.type) {
            case STRING -> {
                if (!(v instanceof StringValue s)) {
                    return wrongType(f, v, path, sink, "a string");
                }
                return f.hasStringChecks && string(f, s.value(), path, sink);
            }
            case LONG -> {
                if (!(v instanceof NumberValue n) || !n.fitsLong()) {
                    return wrongType(f, v, path, sink, "an integer that fits 64 bits");
                }
                return number(f, n, path, sink);
            }
            case DOUBLE -> {
                if (!(v instanceof NumberValue n)) {
                    return wrongType(f, v, path, sink, "a number");
                }
                return number(f, n, path, sink);
            }
            case BOOLEAN -> {
                return !(v instanceof BooleanValue) && wrongType(f, v, path, sink, "a boolean");
            }
            case TIMESTAMP -> {
                if (v instanceof StringValue s) {
                    if (!isTimestamp(s.value())) {
                        return wrongType(f, v, path, sink, "a timestamp (ISO-8601 with an offset, or epoch milliseconds)");
                    }
                    return f.hasStringChecks && string(f, s.value(), path, sink);
                }
                if (v instanceof NumberValue && Timestamps.parse(v).isPresent()) {
                    return number(f, (NumberValue) v, path, sink);
                }
                return wrongType(f, v, path, sink, "a timestamp (ISO-8601 with an offset, or epoch milliseconds)");
            }
            case DATE -> {
                if (!(v instanceof StringValue s) || !Formats.isDate(s.value())) {
                    return wrongType(f, v, path, sink, "a date (yyyy-MM-dd)");
                }
                return f.hasStringChecks && string(f, s.value(), path, sink);
            }
            case UUID -> {
                if (!(v instanceof StringValue s) || !Formats.isUuid(s.value())) {
                    return wrongType(f, v, path, sink, "a UUID (8-4-4-4-12 hex digits)");
                }
                return f.hasStringChecks && string(f, s.value(), path, sink);
            }
            case STRUCT -> {
                if (!(v instanceof ObjectValue o)) {
                    return wrongType(f, v, path, sink, "an object");
                }
                return object(f.struct, o, path, sink);
            }
            case LIST -> {
                if (!(v instanceof ArrayValue a)) {
                    return wrongType(f, v, path, sink, "an array");
                }
                if (size(f, a.size(), path, sink)) {
                    return true;
                }
                List<PayloadValue> elements = a.elements();
                for (int i = 0, n = elements.size(); i < n; i++) {
                    if (element(f.element, elements.get(i), sink == null ? null : path + "[" + i + "]", sink)) {
                        return true;
                    }
                }
                return false;
            }
            case MAP -> {
                if (!(v instanceof ObjectValue o)) {
                    return wrongType(f, v, path, sink, "an object (map)");
                }
                if (size(f, o.size(), path, sink)) {
                    return true;
                }
                for (Map.Entry<String, PayloadValue> e : o.members().entrySet()) {
                    if (element(f.element, e.getValue(), sink == null ? null : path + "{" + e.getKey() + "}", sink)) {
                        return true;
                    }
                }
                return false;
            }
            case JSON -> {
                return false;
            }
        }
        throw new IllegalStateException("unhandled type " + f.type);
    }

    private static boolean element(FieldPlan element, PayloadValue v, String path, Sink sink) {
        if (v instanceof NullValue) {
            if (!element.required) {
                return false;
            }
            return sink == null || sink.add(new Violation(ViolationCode.MISSING_REQUIRED, path,
                    "Element '" + path + "' is null but elements are required"));
        }
        return value(element, v, path, sink);
    }

    private static boolean string(FieldPlan f, String s, String path, Sink sink) {
        if (f.enumValues != null && !f.enumValues.contains(s)) {
            if (sink == null || sink.add(new Violation(ViolationCode.NOT_IN_ENUM, path,
                    "Field '" + path + "' is " + quote(s) + ", not one of " + f.enumList))) {
                return true;
            }
        }
        if (f.pattern != null && !f.pattern.matches(s)) {
            if (sink == null || sink.add(new Violation(ViolationCode.PATTERN_MISMATCH, path,
                    "Field '" + path + "' is " + quote(s) + ", which does not match /" + f.patternText + "/"))) {
                return true;
            }
        }
        if (f.format != null && !Formats.matches(f.format, s)) {
            if (sink == null || sink.add(new Violation(ViolationCode.FORMAT_MISMATCH, path,
                    "Field '" + path + "' is " + quote(s) + ", not a valid " + f.format))) {
                return true;
            }
        }
        if (f.minLength >= 0 || f.maxLength >= 0) {
            return length(f, s.codePointCount(0, s.length()), path, sink, "length");
        }
        return false;
    }

    private static boolean size(FieldPlan f, int size, String path, Sink sink) {
        return (f.minLength >= 0 || f.maxLength >= 0) && length(f, size, path, sink, "size");
    }

    private static boolean length(FieldPlan f, int length, String path, Sink sink, String what) {
        if (f.minLength >= 0 && length < f.minLength) {
            if (sink == null || sink.add(new Violation(ViolationCode.TOO_SHORT, path,
                    "Field '" + path + "' has " + what + " " + length + ", less than the minimum " + f.minLength))) {
                return true;
            }
        }
        if (f.maxLength >= 0 && length > f.maxLength) {
            return sink == null || sink.add(new Violation(ViolationCode.TOO_LONG, path,
                    "Field '" + path + "' has " + what + " " + length + ", more than the maximum " + f.maxLength));
        }
        return false;
    }

    private static boolean number(FieldPlan f, NumberValue n, String path, Sink sink) {
        if (f.hasMin || f.hasMax) {
            double d = n.asDouble();
            if (f.hasMin && d < f.min) {
                if (sink == null || sink.add(new Violation(ViolationCode.BELOW_MINIMUM, path,
                        "Field '" + path + "' is " + n.value() + ", below the minimum " + plain(f.min)))) {
                    return true;
                }
            }
            if (f.hasMax && d > f.max) {
                if (sink == null || sink.add(new Violation(ViolationCode.ABOVE_MAXIMUM, path,
                        "Field '" + path + "' is " + n.value() + ", above the maximum " + plain(f.max)))) {
                    return true;
                }
            }
        }
        if (f.enumValues != null) {
            String text = n.isIntegral() && n.fitsLong() ? Long.toString(n.asLong()) : n.value().toString();
            if (!f.enumValues.contains(text)) {
                return sink == null || sink.add(new Violation(ViolationCode.NOT_IN_ENUM, path,
                        "Field '" + path + "' is " + text + ", not one of " + f.enumList));
            }
        }
        return false;
    }

    private static boolean wrongType(FieldPlan f, PayloadValue v, String path, Sink sink, String expected) {
        return sink == null || sink.add(new Violation(ViolationCode.WRONG_TYPE, path,
                "Field '" + path + "' must be " + expected + " (" + f.type + "), got " + describe(v)));
    }

    /**
     * True when {@code s} is a timestamp {@link Timestamps} accepts. The common UTC form
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} is recognised without allocating; every other string
     * is decided by {@link Timestamps#parse(String)} itself, so the two cannot disagree on acceptance.
     */
    static boolean isTimestamp(String s) {
        int n = s.length();
        if (n >= 20 && s.charAt(n - 1) == 'Z' && s.charAt(10) == 'T' && Formats.isDateTime(s)) {
            return true;
        }
        return Timestamps.parse(s).isPresent();
    }

    private static String child(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String sortedNames(ObjectPlan plan) {
        List<String> names = new ArrayList<>(plan.names);
        names.sort(null);
        return names.toString();
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String quote(String s) {
        return s.length() <= MAX_SHOWN_CHARS ? "'" + s + "'" : "'" + s.substring(0, MAX_SHOWN_CHARS) + "...' (" + s.length() + " chars)";
    }

    private static String describe(PayloadValue v) {
        return switch (v) {
            case StringValue s -> "the string " + quote(s.value());
            case NumberValue n -> "the number " + n.value();
            case BooleanValue b -> "the boolean " + b.value();
            case ObjectValue o -> "an object with " + o.size() + " members";
            case ArrayValue a -> "an array of " + a.size() + " elements";
            case NullValue x -> "null";
        };
    }

    /** Collects violations up to the bound. */
    private static final class Sink {
        private final int max;
        private final List<Violation> violations = new ArrayList<>();
        private boolean truncated;

        Sink(int max) {
            this.max = max;
        }

        /** Adds {@code v}; returns true when validation must stop (the bound was already reached). */
        boolean add(Violation v) {
            if (violations.size() == max) {
                truncated = true;
                return true;
            }
            violations.add(v);
            return false;
        }

        boolean hasViolations() {
            return !violations.isEmpty();
        }

        ValidationResult result() {
            return new ValidationResult(violations, truncated);
        }
    }

    /** Identity of a compiled schema: records compare by value, which would hash the whole schema per lookup. */
    private record IdentityKey(CompiledSchema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
