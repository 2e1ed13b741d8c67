package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Replaces the values of a payload's PII fields with keyed pseudonyms, following the schema's
 * field tree: top-level fields, children of structs ({@code device.id}), list elements
 * ({@code viewers[].user_id}) and map values ({@code tags{}}).
 *
 * <p>A pseudonym is {@link PiiKeyRing#pseudonym(String) HMAC-SHA256} of the value's text, as 64
 * hex digits: the text of a string is itself, of a number its plain decimal form (so {@code 42}
 * and {@code "42"} get the same pseudonym and stay joinable), of a boolean {@code true} or
 * {@code false}. A PII field whose value is an object or an array has each scalar inside it
 * replaced. Null stays null. The pseudonym is always a string, whatever the field's declared type:
 * lake columns of PII fields are strings.
 *
 * <p>Payload members the schema does not describe are not touched: only declared fields carry a
 * PII class. Thread-safe: its only mutable state is a cache of the last schema's PII field list.
 */
public final class Pseudonymiser {

    private final PiiKeyRing keyRing;
    private final PiiPolicy policy;
    /**
     * The top-level fields of the last schema seen that can hold a value to replace (a PII field, or
     * a struct, list or map with one inside): a stream of events of one schema then looks up those
     * few members only. Immutable; a race between threads at worst computes it twice.
     */
    private volatile Plan last;

    private record Plan(SchemaVersion schema, List<Field> rewritable) {
    }

    public Pseudonymiser(PiiKeyRing keyRing, PiiPolicy policy) {
        this.keyRing = requireNonNull(keyRing, "keyRing is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    public PiiKeyRing keyRing() {
        return keyRing;
    }

    /** The payload with every PII value of {@code schema}'s fields pseudonymised with the active key. */
    public Pseudonymised apply(SchemaVersion schema, ObjectValue payload) {
        requireNonNull(schema, "schema is null");
        requireNonNull(payload, "payload is null");
        String keyId = keyRing.activeKeyId();
        int[] replaced = {0};
        Plan plan = last;
        if (plan == null || plan.schema() != schema) {
            List<Field> rewritable = new ArrayList<>();
            for (Field field : schema.fields()) {
                if (mayRewrite(field)) {
                    rewritable.add(field);
                }
            }
            plan = new Plan(schema, List.copyOf(rewritable));
            last = plan;
        }
        ObjectValue out = rewriteMembers(plan.rewritable(), payload, keyId, replaced);
        return new Pseudonymised(out, replaced[0] == 0 ? null : keyId, replaced[0]);
    }

    private ObjectValue rewriteMembers(List<Field> fields, ObjectValue object, String keyId, int[] replaced) {
        int[] at = null;
        PayloadValue[] to = null;
        int changed = 0;
        for (int f = 0, n = fields.size(); f < n; f++) {
            Field field = fields.get(f);
            int i = object.indexOf(field.name());
            if (i < 0) {
                continue;
            }
            PayloadValue value = object.valueAt(i);
            PayloadValue rewritten = rewrite(field, value, keyId, replaced);
            if (rewritten != value) {
                if (at == null) {
                    at = new int[n - f];
                    to = new PayloadValue[n - f];
                }
                at[changed] = i;
                to[changed++] = rewritten;
            }
        }
        // Names and order stay: the value array is copied once for all the replaced members, the
        // object's shape is shared.
        return changed == 0 ? object : object.withValuesAt(at, to, changed);
    }

    /** True when {@link #rewrite} may replace something in a value of {@code field}. */
    private boolean mayRewrite(Field field) {
        if (policy.treatmentOf(field.pii()) == PiiTreatment.PSEUDONYMISE) {
            return true;
        }
        return switch (field.type()) {
            case STRUCT -> field.children().stream().anyMatch(this::mayRewrite);
            case LIST, MAP -> field.element() != null && mayRewrite(field.element());
            default -> false;
        };
    }

    private PayloadValue rewrite(Field field, PayloadValue value, String keyId, int[] replaced) {
        if (policy.treatmentOf(field.pii()) == PiiTreatment.PSEUDONYMISE) {
            return pseudonymiseAll(value, keyId, replaced);
        }
        return switch (field.type()) {
            case STRUCT -> value instanceof ObjectValue o && !field.children().isEmpty()
                    ? rewriteMembers(field.children(), o, keyId, replaced) : value;
            case LIST -> value instanceof ArrayValue a ? rewriteElements(field.element(), a, keyId, replaced) : value;
            case MAP -> value instanceof ObjectValue o ? rewriteMapValues(field.element(), o, keyId, replaced) : value;
            default -> value;
        };
    }

    private ArrayValue rewriteElements(Field element, ArrayValue array, String keyId, int[] replaced) {
        List<PayloadValue> changed = null;
        for (int i = 0; i < array.size(); i++) {
            PayloadValue value = array.elements().get(i);
            PayloadValue rewritten = rewrite(element, value, keyId, replaced);
            if (rewritten != value) {
                if (changed == null) {
                    changed = new ArrayList<>(array.elements());
                }
                changed.set(i, rewritten);
            }
        }
        return changed == null ? array : new ArrayValue(changed);
    }

    private ObjectValue rewriteMapValues(Field element, ObjectValue map, String keyId, int[] replaced) {
        return map.mapValues(value -> rewrite(element, value, keyId, replaced));
    }

    private PayloadValue pseudonymiseAll(PayloadValue value, String keyId, int[] replaced) {
        return switch (value) {
            case NullValue n -> n;
            case StringValue s -> replace(s.value(), keyId, replaced);
            case NumberValue n -> replace(plainText(n), keyId, replaced);
            case BooleanValue b -> replace(Boolean.toString(b.value()), keyId, replaced);
            case ArrayValue a -> {
                List<PayloadValue> out = new ArrayList<>(a.size());
                for (PayloadValue element : a.elements()) {
                    out.add(pseudonymiseAll(element, keyId, replaced));
                }
                yield new ArrayValue(out);
            }
            case ObjectValue o -> o.mapValues(member -> pseudonymiseAll(member, keyId, replaced));
        };
    }

    private StringValue replace(String text, String keyId, int[] replaced) {
        replaced[0]++;
        return new StringValue(keyRing.pseudonym(keyId, text));
    }

    private static String plainText(NumberValue n) {
        return n.fitsLong() ? Long.toString(n.asLong()) : n.asBigDecimal().stripTrailingZeros().toPlainString();
    }
}
