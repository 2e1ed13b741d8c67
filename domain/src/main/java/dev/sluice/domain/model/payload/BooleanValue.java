package dev.sluice.domain.model.payload;

/** A JSON boolean. Use {@link #of(boolean)} to share the two instances. */
public record BooleanValue(boolean value) implements PayloadValue {

    public static final BooleanValue TRUE = new BooleanValue(true);
    public static final BooleanValue FALSE = new BooleanValue(false);

    public static BooleanValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public Kind kind() {
        return Kind.BOOLEAN;
    }
}
