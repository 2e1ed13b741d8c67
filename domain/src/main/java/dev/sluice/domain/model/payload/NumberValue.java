package dev.sluice.domain.model.payload;

import java.math.BigDecimal;
import java.math.BigInteger;

import static java.util.Objects.requireNonNull;

/**
 * A JSON number. The value is a {@link Long} when the number is integral and fits, a {@link Double}
 * for ordinary fractions, and a {@link BigDecimal} when neither holds it exactly, so nothing is lost.
 */
public record NumberValue(Number value) implements PayloadValue {

    public NumberValue {
        requireNonNull(value, "value is null");
        if (!(value instanceof Long || value instanceof Double || value instanceof BigDecimal)) {
            throw new IllegalArgumentException("A number is held as Long, Double or BigDecimal, not "
                    + value.getClass().getSimpleName() + " (" + value + "); use NumberValue.of(...)");
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalArgumentException("JSON has no number " + d);
        }
    }

    public static NumberValue of(long value) {
        return new NumberValue(value);
    }

    public static NumberValue of(double value) {
        return new NumberValue(value);
    }

    /** The narrowest exact representation: Long if integral and in range, else BigDecimal. */
    public static NumberValue of(BigDecimal value) {
        requireNonNull(value, "value is null");
        if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
            try {
                return new NumberValue(value.longValueExact());
            } catch (ArithmeticException tooBig) {
                return new NumberValue(value);
            }
        }
        return new NumberValue(value);
    }

    public static NumberValue of(BigInteger value) {
        return of(new BigDecimal(requireNonNull(value, "value is null")));
    }

    /** True when the number has no fractional part (1.0 counts as integral). */
    public boolean isIntegral() {
        return switch (value) {
            case Long l -> true;
            case Double d -> d == Math.rint(d);
            case BigDecimal b -> b.signum() == 0 || b.stripTrailingZeros().scale() <= 0;
            default -> false;
        };
    }

    /** True when the number is integral and fits a signed 64-bit long. */
    public boolean fitsLong() {
        return switch (value) {
            case Long l -> true;
            case Double d -> d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63;
            case BigDecimal b -> {
                try {
                    b.longValueExact();
                    yield true;
                } catch (ArithmeticException e) {
                    yield false;
                }
            }
            default -> false;
        };
    }

    public double asDouble() {
        return value.doubleValue();
    }

    public long asLong() {
        return value.longValue();
    }

    public BigDecimal asBigDecimal() {
        return switch (value) {
            case Long l -> BigDecimal.valueOf(l);
            case Double d -> BigDecimal.valueOf(d);
            case BigDecimal b -> b;
            default -> new BigDecimal(value.toString());
        };
    }

    @Override
    public Kind kind() {
        return Kind.NUMBER;
    }
}
