package dev.sluice.lake.maintenance;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How often the deployable runs maintenance: compaction every {@code compactionInterval}, snapshot
 * expiry and orphan removal every {@code cleanupInterval}, each also waiting one interval after start.
 *
 * @param compactionInterval pause between compaction passes
 * @param cleanupInterval pause between expiry/orphan passes
 */
public record MaintenanceSchedule(Duration compactionInterval, Duration cleanupInterval) {

    public MaintenanceSchedule {
        requireNonNull(compactionInterval, "compactionInterval is null");
        requireNonNull(cleanupInterval, "cleanupInterval is null");
        if (compactionInterval.isNegative() || compactionInterval.isZero()) {
            throw new IllegalArgumentException("compactionInterval must be positive, got " + compactionInterval);
        }
        if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("cleanupInterval must be positive, got " + cleanupInterval);
        }
    }
}
