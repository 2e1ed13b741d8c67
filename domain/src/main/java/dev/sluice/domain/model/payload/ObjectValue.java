package dev.sluice.domain.model.payload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A JSON object: named members in insertion order. Member values are never {@code null}; use {@link NullValue}. */
public record ObjectValue(Map<String, PayloadValue> members) implements PayloadValue {

    public static final ObjectValue EMPTY = new ObjectValue(Map.of());

    public ObjectValue {
        requireNonNull(members, "members is null");
        if (members instanceof OwnedMembers owned && owned.handOver()) {
            // Built by this package's Builder, which checked every name and value and gives the map up.
            members = Collections.unmodifiableMap(owned);
        } else {
            members = copyOf(members);
        }
    }

    private static Map<String, PayloadValue> copyOf(Map<String, PayloadValue> members) {
        LinkedHashMap<String, PayloadValue> copy = new LinkedHashMap<>(Math.max(4, (int) (members.size() / 0.75f) + 1));
        for (Map.Entry<String, PayloadValue> e : members.entrySet()) {
            copy.put(requireNonNull(e.getKey(), "member name is null"),
                    requireNonNull(e.getValue(), () -> "value of member '" + e.getKey() + "' is null"));
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The builder's map. The canonical constructor adopts it without a copy exactly once, when
     * {@link #handOver()} succeeds; the builder then never writes to it again (it copies on its next put).
     * Instances exist only inside this package, so no caller can keep a writable alias of an adopted map.
     */
    private static final class OwnedMembers extends LinkedHashMap<String, PayloadValue> {
        private boolean adopted;

        OwnedMembers() {
        }

        OwnedMembers(OwnedMembers from) {
            super(from);
        }

        boolean handOver() {
            if (adopted) {
                return false;
            }
            adopted = true;
            return true;
        }
    }

    /** The member called {@code name}, if present (a present JSON null is returned as {@link NullValue}). */
    public Optional<PayloadValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    /** The member called {@code name}, or {@code null} when absent. For hot paths that avoid allocation. */
    public PayloadValue getOrNull(String name) {
        return members.get(name);
    }

    public int size() {
        return members.size();
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT;
    }

    /** A builder that keeps insertion order; handy for adapters that stream members. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private OwnedMembers members;

        private Builder() {
            members = new OwnedMembers();
        }

        public Builder put(String name, PayloadValue value) {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            if (members.adopted) {
                members = new OwnedMembers(members);
            }
            members.put(name, value);
            return this;
        }

        public Builder put(String name, String value) {
            return put(name, PayloadValue.ofNullable(value));
        }

        public Builder put(String name, long value) {
            return put(name, NumberValue.of(value));
        }

        public Builder put(String name, double value) {
            return put(name, NumberValue.of(value));
        }

        public Builder put(String name, boolean value) {
            return put(name, BooleanValue.of(value));
        }

        public ObjectValue build() {
            return new ObjectValue(members);
        }
    }
}
