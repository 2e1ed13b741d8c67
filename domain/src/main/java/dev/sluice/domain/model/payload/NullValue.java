package dev.sluice.domain.model.payload;

/** A JSON null: present, but empty. An absent member is simply not in its {@link ObjectValue}. */
public record NullValue() implements PayloadValue {

    public static final NullValue INSTANCE = new NullValue();

    @Override
    public Kind kind() {
        return Kind.NULL;
    }
}
