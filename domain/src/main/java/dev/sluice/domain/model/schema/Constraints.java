package dev.sluice.domain.model.schema;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Value constraints of one field. Every part is optional; {@link #NONE} has none.
 *
 * @param enumValues allowed string values, empty when any value is allowed
 * @param pattern a regular expression the whole string must match, or {@code null}
 * @param format a named format the string must have, or {@code null}
 * @param minimum inclusive lower bound for numbers, or {@code null}
 * @param maximum inclusive upper bound for numbers, or {@code null}
 * @param minLength minimum string length or list size, or {@code null}
 * @param maxLength maximum string length or list size, or {@code null}
 */
public record Constraints(
        List<String> enumValues,
        String pattern,
        Format format,
        Double minimum,
        Double maximum,
        Integer minLength,
        Integer maxLength) {

    public static final Constraints NONE = new Constraints(List.of(), null, null, null, null, null, null);

    public Constraints {
        enumValues = List.copyOf(requireNonNull(enumValues, "enumValues is null"));
        if (pattern != null) {
            Pattern.compile(pattern); // fails fast with PatternSyntaxException naming the problem
        }
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new IllegalArgumentException("minimum " + minimum + " is greater than maximum " + maximum);
        }
        if (minLength != null && minLength < 0) {
            throw new IllegalArgumentException("minLength is negative: " + minLength);
        }
        if (minLength != null && maxLength != null && minLength > maxLength) {
            throw new IllegalArgumentException("minLength " + minLength + " is greater than maxLength " + maxLength);
        }
    }

    public static Constraints enumOf(String... values) {
        return NONE.withEnum(List.of(values));
    }

    public static Constraints range(double minimum, double maximum) {
        return new Constraints(List.of(), null, null, minimum, maximum, null, null);
    }

    public static Constraints pattern(String regex) {
        return new Constraints(List.of(), regex, null, null, null, null, null);
    }

    public static Constraints format(Format format) {
        return new Constraints(List.of(), null, requireNonNull(format, "format is null"), null, null, null, null);
    }

    public Constraints withEnum(List<String> values) {
        return new Constraints(values, pattern, format, minimum, maximum, minLength, maxLength);
    }

    public Constraints withPattern(String regex) {
        return new Constraints(enumValues, regex, format, minimum, maximum, minLength, maxLength);
    }

    public Constraints withFormat(Format newFormat) {
        return new Constraints(enumValues, pattern, newFormat, minimum, maximum, minLength, maxLength);
    }

    public Constraints withRange(Double min, Double max) {
        return new Constraints(enumValues, pattern, format, min, max, minLength, maxLength);
    }

    public Constraints withLength(Integer min, Integer max) {
        return new Constraints(enumValues, pattern, format, minimum, maximum, min, max);
    }

    public Optional<Format> formatOptional() {
        return Optional.ofNullable(format);
    }

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
