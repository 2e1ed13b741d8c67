package dev.sluice.lake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Plain settings of the lake core, free of Micronaut types.
 *
 * @param namespace the Iceberg namespace of Sluice's tables ({@code telemetry})
 * @param targetFileSizeBytes data files are rolled at this size (≥ 64 MB where volume allows)
 * @param rowGroupSizeBytes Parquet row group size
 * @param commitAttempts attempts per table commit before giving up
 * @param commitBackoff pause after the first failed attempt, doubled after each further one
 * @param fileWriter which Parquet writer writes the ingested events' files (ADR-094)
 */
public record LakeSettings(
        String namespace,
        long targetFileSizeBytes,
        long rowGroupSizeBytes,
        int commitAttempts,
        Duration commitBackoff,
        FileWriter fileWriter) {

    public static final long MIB = 1024L * 1024L;

    /**
     * The writer of the events' data files. {@code COLUMNAR}: Sluice's own column encoders, wherever a
     * table's types and settings allow it (Iceberg's writer for the rest); {@code ICEBERG}: Iceberg's
     * generic Parquet writer everywhere.
     */
    public enum FileWriter { COLUMNAR, ICEBERG }

    /** Settings with the columnar writer. */
    public LakeSettings(String namespace, long targetFileSizeBytes, long rowGroupSizeBytes, int commitAttempts,
                        Duration commitBackoff) {
        this(namespace, targetFileSizeBytes, rowGroupSizeBytes, commitAttempts, commitBackoff, FileWriter.COLUMNAR);
    }

    public LakeSettings {
        requireNonNull(namespace, "namespace is null");
        if (targetFileSizeBytes < MIB) {
            throw new IllegalArgumentException("targetFileSizeBytes must be at least 1 MiB, got " + targetFileSizeBytes);
        }
        if (rowGroupSizeBytes < 64 * 1024) {
            throw new IllegalArgumentException("rowGroupSizeBytes must be at least 64 KiB, got " + rowGroupSizeBytes);
        }
        if (commitAttempts < 1) {
            throw new IllegalArgumentException("commitAttempts must be 1 or more, got " + commitAttempts);
        }
        requireNonNull(commitBackoff, "commitBackoff is null");
        requireNonNull(fileWriter, "fileWriter is null");
    }

    public static LakeSettings defaults() {
        return new LakeSettings("telemetry", 128 * MIB, 32 * MIB, 10, Duration.ofMillis(100));
    }

    public LakeSettings withNamespace(String newNamespace) {
        return new LakeSettings(newNamespace, targetFileSizeBytes, rowGroupSizeBytes, commitAttempts, commitBackoff,
                fileWriter);
    }

    public LakeSettings withFileWriter(FileWriter newFileWriter) {
        return new LakeSettings(namespace, targetFileSizeBytes, rowGroupSizeBytes, commitAttempts, commitBackoff,
                newFileWriter);
    }

    /** The properties every Sluice table is created with. */
    Map<String, String> tableProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("format-version", "2");
        p.put("write.format.default", "parquet");
        p.put("write.target-file-size-bytes", Long.toString(targetFileSizeBytes));
        p.put("write.parquet.row-group-size-bytes", Long.toString(rowGroupSizeBytes));
        p.put("write.parquet.page-size-bytes", Long.toString(MIB));
        p.put("write.parquet.compression-codec", "zstd");
        p.put("commit.retry.num-retries", "10");
        p.put("commit.retry.min-wait-ms", "50");
        // Commits every few seconds: keep the metadata folder from growing without bound.
        p.put("write.metadata.delete-after-commit.enabled", "true");
        p.put("write.metadata.previous-versions-max", "50");
        p.put("commit.manifest.min-count-to-merge", "50");
        return p;
    }
}
