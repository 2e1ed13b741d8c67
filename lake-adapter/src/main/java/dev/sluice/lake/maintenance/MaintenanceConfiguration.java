package dev.sluice.lake.maintenance;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code sluice.lake.maintenance.*}: table maintenance of the lake, run by the ingestion service.
 *
 * @param enabled off-switch for every maintenance task
 * @param compactionInterval pause between compaction passes (and before the first)
 * @param cleanupInterval pause between snapshot-expiry and orphan-removal passes (and before the first)
 * @param smallFileSize a data file below this many bytes is a compaction candidate
 * @param minInputFiles a partition is compacted when it holds at least this many small files
 * @param targetFileSize compacted files roll at this many bytes; 0: the table's {@code write.target-file-size-bytes}
 * @param maxRewriteBytes input bytes rewritten per table and pass at most
 * @param snapshotRetention snapshots older than this are expired (never the chain holding Sluice's positions)
 * @param minSnapshots the latest snapshots of a table always kept
 * @param orphanSafetyAge unreferenced files younger than this are never deleted; at least 1 h
 * @param orphanDryRun report orphan files without deleting them
 */
@ConfigurationProperties("sluice.lake.maintenance")
record MaintenanceConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "10m") Duration compactionInterval,
        @Bindable(defaultValue = "1h") Duration cleanupInterval,
        @Bindable(defaultValue = "50331648") long smallFileSize,
        @Bindable(defaultValue = "5") int minInputFiles,
        @Bindable(defaultValue = "0") long targetFileSize,
        @Bindable(defaultValue = "10737418240") long maxRewriteBytes,
        @Bindable(defaultValue = "24h") Duration snapshotRetention,
        @Bindable(defaultValue = "50") int minSnapshots,
        @Bindable(defaultValue = "3d") Duration orphanSafetyAge,
        @Bindable(defaultValue = "false") boolean orphanDryRun) {

    MaintenanceSettings settings(String namespace) {
        if (orphanSafetyAge.compareTo(MaintenanceSettings.MIN_ORPHAN_SAFETY_AGE) < 0) {
            throw new IllegalArgumentException("sluice.lake.maintenance.orphan-safety-age must be at least "
                    + MaintenanceSettings.MIN_ORPHAN_SAFETY_AGE + " (a writer's uncommitted files would be at risk), got "
                    + orphanSafetyAge);
        }
        return new MaintenanceSettings(namespace, smallFileSize, minInputFiles, targetFileSize, maxRewriteBytes,
                snapshotRetention, minSnapshots, orphanSafetyAge, orphanDryRun);
    }
}
