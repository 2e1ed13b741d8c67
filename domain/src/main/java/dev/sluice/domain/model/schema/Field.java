package dev.sluice.domain.model.schema;

import dev.sluice.domain.model.payload.PayloadValue;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One field of a schema. Fields form a tree: a STRUCT has {@link #children()}, a LIST or MAP has an
 * {@link #element()} that describes its elements or values. The {@link #path()} of a field is its
 * dotted name from the root ({@code device.os}). The element of a LIST has the path {@code items[]}
 * and its children {@code items[].id}; the value of a MAP has the path {@code tags{}}.
 *
 * @param path the full path of the field, whose last segment is its {@link #name()}
 * @param type the canonical type
 * @param required whether the member must be present and not null
 * @param defaultValue the value readers use when the member is absent, or {@code null} for none
 * @param constraints value constraints
 * @param pii how sensitive the field is
 * @param doc human documentation, may be empty
 * @param children the fields of a STRUCT, empty for other types
 * @param element the element of a LIST or the value of a MAP, {@code null} for other types
 * @param closed for a STRUCT: whether members not listed in {@code children} are refused
 *               (JSON Schema's {@code additionalProperties: false})
 * @param aliases former names of this field, so that a rename is not reported as drift
 */
public record Field(
        String path,
        FieldType type,
        boolean required,
        PayloadValue defaultValue,
        Constraints constraints,
        PiiClass pii,
        String doc,
        List<Field> children,
        Field element,
        boolean closed,
        List<String> aliases) {

    public Field {
        requireNonNull(path, "path is null");
        if (path.isBlank()) {
            throw new IllegalArgumentException("field path is blank");
        }
        requireNonNull(type, "type of field '" + path + "' is null");
        requireNonNull(constraints, "constraints is null");
        requireNonNull(pii, "pii is null");
        doc = doc == null ? "" : doc;
        children = List.copyOf(requireNonNull(children, "children is null"));
        aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
        if (type != FieldType.STRUCT && !children.isEmpty()) {
            throw new IllegalArgumentException("field '" + path + "' of type " + type + " cannot have children");
        }
        if ((type == FieldType.LIST || type == FieldType.MAP) != (element != null)) {
            throw new IllegalArgumentException("field '" + path + "' of type " + type
                    + (element == null ? " needs an element description" : " cannot have an element description"));
        }
        if (element != null) {
            String expected = path + (type == FieldType.LIST ? "[]" : "{}");
            if (!element.path().equals(expected)) {
                throw new IllegalArgumentException("element of '" + path + "' must have the path '" + expected
                        + "', not '" + element.path() + "'");
            }
        }
        for (Field child : children) {
            if (!child.path().equals(path + "." + child.name())) {
                throw new IllegalArgumentException("child '" + child.path() + "' is not directly under '" + path + "'");
            }
        }
    }

    /** The last segment of the path. */
    public String name() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    public Optional<PayloadValue> defaultOptional() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }

    /** A builder for a field at {@code path} of {@code type}; optional, no constraints, PII NONE. */
    public static Builder builder(String path, FieldType type) {
        return new Builder(path, type);
    }

    public static Field required(String path, FieldType type) {
        return builder(path, type).required(true).build();
    }

    public static Field optional(String path, FieldType type) {
        return builder(path, type).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(path, type);
        b.required = required;
        b.defaultValue = defaultValue;
        b.constraints = constraints;
        b.pii = pii;
        b.doc = doc;
        b.children = children;
        b.element = element;
        b.closed = closed;
        b.aliases = aliases;
        return b;
    }

    public static final class Builder {
        private final String path;
        private final FieldType type;
        private boolean required;
        private PayloadValue defaultValue;
        private Constraints constraints = Constraints.NONE;
        private PiiClass pii = PiiClass.NONE;
        private String doc = "";
        private List<Field> children = List.of();
        private Field element;
        private boolean closed;
        private List<String> aliases = List.of();

        private Builder(String path, FieldType type) {
            this.path = path;
            this.type = type;
        }

        public Builder required(boolean value) {
            this.required = value;
            return this;
        }

        public Builder defaultValue(PayloadValue value) {
            this.defaultValue = value;
            return this;
        }

        public Builder constraints(Constraints value) {
            this.constraints = value;
            return this;
        }

        public Builder pii(PiiClass value) {
            this.pii = value;
            return this;
        }

        public Builder doc(String value) {
            this.doc = value;
            return this;
        }

        public Builder children(List<Field> value) {
            this.children = value;
            return this;
        }

        public Builder element(Field value) {
            this.element = value;
            return this;
        }

        public Builder closed(boolean value) {
            this.closed = value;
            return this;
        }

        public Builder aliases(List<String> value) {
            this.aliases = value;
            return this;
        }

        public Field build() {
            return new Field(path, type, required, defaultValue, constraints, pii, doc, children, element, closed, aliases);
        }
    }
}
