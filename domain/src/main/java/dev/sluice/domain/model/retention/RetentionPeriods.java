package dev.sluice.domain.model.retention;

import dev.sluice.domain.model.error.ConfigurationException;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The standard {@link RetentionPolicy}: one period per {@link DataClass}. Seed 001's defaults are
 * raw 90 d, aggregates 400 d, errors 30 d and critical errors 90 d; dead letters 30 d.
 *
 * @param periods the period of every data class
 */
public record RetentionPeriods(Map<DataClass, Duration> periods) implements RetentionPolicy {

    public static final RetentionPeriods SEED_001 = new RetentionPeriods(Map.of(
            DataClass.RAW, Duration.ofDays(90),
            DataClass.AGGREGATE, Duration.ofDays(400),
            DataClass.ERROR, Duration.ofDays(30),
            DataClass.CRITICAL_ERROR, Duration.ofDays(90),
            DataClass.DEAD_LETTER, Duration.ofDays(30)));

    public RetentionPeriods {
        requireNonNull(periods, "periods is null");
        EnumMap<DataClass, Duration> copy = new EnumMap<>(DataClass.class);
        periods.forEach((dataClass, period) -> {
            requireNonNull(dataClass, "data class is null");
            requireNonNull(period, () -> "retention of " + dataClass + " is null");
            if (period.isZero() || period.isNegative()) {
                throw new ConfigurationException("retention of " + dataClass + " must be positive, got " + period);
            }
            copy.put(dataClass, period);
        });
        for (DataClass dataClass : DataClass.values()) {
            if (!copy.containsKey(dataClass)) {
                throw new ConfigurationException("retention of " + dataClass + " is not configured");
            }
        }
        if (copy.get(DataClass.CRITICAL_ERROR).compareTo(copy.get(DataClass.ERROR)) < 0) {
            throw new ConfigurationException("critical errors must be kept at least as long as errors: "
                    + copy.get(DataClass.CRITICAL_ERROR) + " < " + copy.get(DataClass.ERROR));
        }
        periods = Collections.unmodifiableMap(copy);
    }

    /** Seed 001's defaults with {@code overrides} applied. */
    public static RetentionPeriods withOverrides(Map<DataClass, Duration> overrides) {
        EnumMap<DataClass, Duration> merged = new EnumMap<>(SEED_001.periods());
        merged.putAll(requireNonNull(overrides, "overrides is null"));
        return new RetentionPeriods(merged);
    }

    @Override
    public Duration retentionOf(DataClass dataClass) {
        return periods.get(requireNonNull(dataClass, "dataClass is null"));
    }
}
