package dev.sluice.lake;

import dev.sluice.domain.model.ingest.StreamPositions;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one batch committed.
 *
 * @param commitId the id stored as {@code sluice.commit-id} in every snapshot of the batch
 * @param rowsPerTable rows appended per table; the watermark table appears even with 0 rows
 * @param filesPerTable data files appended per table
 * @param skippedPerTable events skipped per table because an earlier run had committed them there
 * @param positions the positions committed
 * @param commitMillis wall time of the commits
 */
public record CommitReport(
        String commitId,
        Map<String, Long> rowsPerTable,
        Map<String, Integer> filesPerTable,
        Map<String, Long> skippedPerTable,
        StreamPositions positions,
        long commitMillis) {

    public CommitReport {
        requireNonNull(commitId, "commitId is null");
        rowsPerTable = Map.copyOf(rowsPerTable);
        filesPerTable = Map.copyOf(filesPerTable);
        skippedPerTable = Map.copyOf(skippedPerTable);
        requireNonNull(positions, "positions is null");
    }

    public long rows(String table) {
        return rowsPerTable.getOrDefault(table, 0L);
    }

    public long skipped(String table) {
        return skippedPerTable.getOrDefault(table, 0L);
    }
}
