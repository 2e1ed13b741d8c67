package dev.sluice.domain.model.retention;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * How long each class of data is kept. Lake maintenance expires whole day partitions with
 * {@link #cutoff}; erasure and rollups ask {@link #decide} for single records.
 */
@FunctionalInterface
public interface RetentionPolicy {

    /** The retention period of {@code dataClass}, positive. */
    Duration retentionOf(DataClass dataClass);

    /**
     * {@link RetentionDecision#EXPIRE} when {@code recordedAt} is strictly older than
     * {@code asOf − retention}; a record exactly one period old is still kept.
     */
    default RetentionDecision decide(DataClass dataClass, Instant recordedAt, Instant asOf) {
        requireNonNull(recordedAt, "recordedAt is null");
        return recordedAt.isBefore(cutoff(dataClass, asOf)) ? RetentionDecision.EXPIRE : RetentionDecision.KEEP;
    }

    /** The oldest instant still kept at {@code asOf}: records before it may be deleted. */
    default Instant cutoff(DataClass dataClass, Instant asOf) {
        requireNonNull(dataClass, "dataClass is null");
        requireNonNull(asOf, "asOf is null");
        return asOf.minus(retentionOf(dataClass));
    }
}
