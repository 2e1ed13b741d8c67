package dev.sluice.domain.model.payload;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A JSON array. Elements are never {@code null}; use {@link NullValue}. */
public record ArrayValue(List<PayloadValue> elements) implements PayloadValue {

    public static final ArrayValue EMPTY = new ArrayValue(List.of());

    public ArrayValue {
        elements = List.copyOf(requireNonNull(elements, "elements is null"));
    }

    public int size() {
        return elements.size();
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY;
    }
}
