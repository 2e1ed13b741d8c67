package dev.sluice.domain.model.payload;

import static java.util.Objects.requireNonNull;

/** A JSON string. */
public record StringValue(String value) implements PayloadValue {

    public StringValue {
        requireNonNull(value, "value is null");
    }

    @Override
    public Kind kind() {
        return Kind.STRING;
    }
}
