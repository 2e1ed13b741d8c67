package dev.sluice.lake.maintenance;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Plain settings of table maintenance, free of Micronaut types.
 *
 * @param namespace the Iceberg namespace whose tables are maintained ({@code telemetry})
 * @param smallFileBytes a data file below this size is a compaction candidate
 * @param minInputFiles a partition is compacted only when it holds at least this many small files
 * @param targetFileBytes compacted files roll at this size, unless the table sets
 *                        {@code write.target-file-size-bytes} (0: always the table's property, 128 MiB without one)
 * @param maxRewriteBytes at most this many input bytes are rewritten per table and pass (bounds a pass's duration)
 * @param snapshotRetention snapshots older than this are expired...
 * @param minSnapshotsToKeep ...but the latest this many of the current branch always stay, and so does
 *                           every snapshot from the head back to the latest one carrying Sluice's positions
 * @param orphanSafetyAge a file no snapshot references is deleted only when it is older than this, so a
 *                        writer's not yet committed files are never taken
 * @param orphanDryRun report orphan files without deleting them
 */
public record MaintenanceSettings(
        String namespace,
        long smallFileBytes,
        int minInputFiles,
        long targetFileBytes,
        long maxRewriteBytes,
        Duration snapshotRetention,
        int minSnapshotsToKeep,
        Duration orphanSafetyAge,
        boolean orphanDryRun) {

    public static final long MIB = 1024L * 1024L;
    /** Below this, an in-flight writer (commit interval seconds, retries minutes) could still own the file. */
    public static final Duration MIN_ORPHAN_SAFETY_AGE = Duration.ofHours(1);

    public MaintenanceSettings {
        requireNonNull(namespace, "namespace is null");
        if (smallFileBytes < 1) {
            throw new IllegalArgumentException("smallFileBytes must be positive, got " + smallFileBytes);
        }
        if (minInputFiles < 2) {
            throw new IllegalArgumentException("minInputFiles must be 2 or more, got " + minInputFiles);
        }
        if (targetFileBytes < 0) {
            throw new IllegalArgumentException("targetFileBytes must be 0 or more, got " + targetFileBytes);
        }
        if (maxRewriteBytes < 1) {
            throw new IllegalArgumentException("maxRewriteBytes must be positive, got " + maxRewriteBytes);
        }
        requireNonNull(snapshotRetention, "snapshotRetention is null");
        if (snapshotRetention.isNegative()) {
            throw new IllegalArgumentException("snapshotRetention is negative: " + snapshotRetention);
        }
        if (minSnapshotsToKeep < 1) {
            throw new IllegalArgumentException("minSnapshotsToKeep must be 1 or more, got " + minSnapshotsToKeep);
        }
        requireNonNull(orphanSafetyAge, "orphanSafetyAge is null");
        if (orphanSafetyAge.isNegative()) {
            throw new IllegalArgumentException("orphanSafetyAge is negative: " + orphanSafetyAge);
        }
    }

    /** 48 MiB small files, 5 of them at least, 128 MiB targets, 24 h and 50 snapshots kept, 3 days for orphans, deleting. */
    public static MaintenanceSettings defaults() {
        return new MaintenanceSettings("telemetry", 48 * MIB, 5, 0, 10L * 1024 * MIB, Duration.ofHours(24), 50,
                Duration.ofDays(3), false);
    }

    public MaintenanceSettings withNamespace(String value) {
        return new MaintenanceSettings(value, smallFileBytes, minInputFiles, targetFileBytes, maxRewriteBytes,
                snapshotRetention, minSnapshotsToKeep, orphanSafetyAge, orphanDryRun);
    }

    public MaintenanceSettings withCompaction(long small, int minFiles, long target) {
        return new MaintenanceSettings(namespace, small, minFiles, target, maxRewriteBytes, snapshotRetention,
                minSnapshotsToKeep, orphanSafetyAge, orphanDryRun);
    }

    public MaintenanceSettings withExpiry(Duration retention, int keep) {
        return new MaintenanceSettings(namespace, smallFileBytes, minInputFiles, targetFileBytes, maxRewriteBytes,
                retention, keep, orphanSafetyAge, orphanDryRun);
    }

    public MaintenanceSettings withOrphans(Duration safetyAge, boolean dryRun) {
        return new MaintenanceSettings(namespace, smallFileBytes, minInputFiles, targetFileBytes, maxRewriteBytes,
                snapshotRetention, minSnapshotsToKeep, safetyAge, dryRun);
    }
}
