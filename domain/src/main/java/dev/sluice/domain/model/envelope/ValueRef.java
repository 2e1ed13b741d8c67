package dev.sluice.domain.model.envelope;

import static java.util.Objects.requireNonNull;

/** Where a {@link SourceMapping} takes an envelope value from: a field of the record, or a constant. */
public sealed interface ValueRef permits ValueRef.FromField, ValueRef.Constant {

    static ValueRef field(String path) {
        return new FromField(path);
    }

    static ValueRef constant(String value) {
        return new Constant(value);
    }

    /**
     * The value of a field of the record; {@code path} is dotted for nested objects
     * ({@code device.id}). Strings are taken as they are, integral numbers as their decimal text.
     */
    record FromField(String path) implements ValueRef {
        public FromField {
            requireNonNull(path, "path is null");
            if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                throw new IllegalArgumentException("invalid field path '" + path + "'");
            }
        }

        @Override
        public String toString() {
            return "field '" + path + "'";
        }
    }

    /** The same value for every record. */
    record Constant(String value) implements ValueRef {
        public Constant {
            requireNonNull(value, "value is null");
            if (value.isBlank()) {
                throw new IllegalArgumentException("a constant must not be blank");
            }
        }

        @Override
        public String toString() {
            return "constant '" + value + "'";
        }
    }
}
