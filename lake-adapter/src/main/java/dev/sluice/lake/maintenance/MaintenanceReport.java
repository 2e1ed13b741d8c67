package dev.sluice.lake.maintenance;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one maintenance pass did, per table and in total.
 *
 * @param tasks the tasks the pass ran
 * @param tables one entry per table visited
 * @param duration wall-clock time of the pass
 */
public record MaintenanceReport(List<Task> tasks, List<TableReport> tables, Duration duration) {

    /** The three maintenance tasks. */
    public enum Task { COMPACTION, SNAPSHOT_EXPIRY, ORPHAN_REMOVAL }

    /**
     * One table's figures; zero for the tasks that did not run.
     *
     * @param table the table's name
     * @param filesRewritten small data files replaced by compaction
     * @param bytesRewritten their bytes
     * @param filesAdded files compaction wrote
     * @param bytesAdded their bytes
     * @param rowsRewritten rows moved (equal in and out, checked)
     * @param compactionConflicts rewrites dropped because a concurrent change touched their files
     * @param snapshotsExpired snapshots removed
     * @param positionsSnapshotId the snapshot holding Sluice's positions that expiry kept, or -1
     * @param orphansFound unreferenced files older than the safety age (deleted unless dry run)
     * @param orphanBytes their bytes
     * @param orphansDeleted orphans actually deleted
     * @param error what failed on this table, or null; a failed table does not stop the pass
     */
    public record TableReport(String table, int filesRewritten, long bytesRewritten, int filesAdded, long bytesAdded,
                              long rowsRewritten, int compactionConflicts, int snapshotsExpired, long positionsSnapshotId,
                              List<String> orphansFound, long orphanBytes, int orphansDeleted, String error) {
        public TableReport {
            requireNonNull(table, "table is null");
            orphansFound = List.copyOf(orphansFound);
        }

        static TableReport empty(String table) {
            return new TableReport(table, 0, 0, 0, 0, 0, 0, 0, -1, List.of(), 0, 0, null);
        }

        TableReport withCompaction(TableCompaction.Outcome o) {
            return new TableReport(table, o.filesRewritten(), o.bytesRewritten(), o.filesAdded(), o.bytesAdded(), o.rows(),
                    o.conflicted() ? 1 : 0, snapshotsExpired, positionsSnapshotId, orphansFound, orphanBytes, orphansDeleted, error);
        }

        TableReport withExpiry(SnapshotExpiry.Outcome o) {
            return new TableReport(table, filesRewritten, bytesRewritten, filesAdded, bytesAdded, rowsRewritten,
                    compactionConflicts, o.snapshotsExpired(), o.protectedSnapshotId(), orphansFound, orphanBytes,
                    orphansDeleted, error);
        }

        TableReport withOrphans(OrphanFiles.Outcome o) {
            return new TableReport(table, filesRewritten, bytesRewritten, filesAdded, bytesAdded, rowsRewritten,
                    compactionConflicts, snapshotsExpired, positionsSnapshotId, o.orphans(), o.orphanBytes(), o.deleted(), error);
        }

        TableReport withError(String message) {
            return new TableReport(table, filesRewritten, bytesRewritten, filesAdded, bytesAdded, rowsRewritten,
                    compactionConflicts, snapshotsExpired, positionsSnapshotId, orphansFound, orphanBytes, orphansDeleted,
                    error == null ? message : error + "; " + message);
        }
    }

    public MaintenanceReport {
        tasks = List.copyOf(tasks);
        tables = List.copyOf(tables);
        requireNonNull(duration, "duration is null");
    }

    public TableReport table(String name) {
        return tables.stream().filter(t -> t.table().equals(name) || t.table().endsWith("." + name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No table " + name + " in the report; tables: "
                        + tables.stream().map(TableReport::table).toList()));
    }

    public int filesRewritten() {
        return tables.stream().mapToInt(TableReport::filesRewritten).sum();
    }

    public long bytesRewritten() {
        return tables.stream().mapToLong(TableReport::bytesRewritten).sum();
    }

    public int filesAdded() {
        return tables.stream().mapToInt(TableReport::filesAdded).sum();
    }

    public int compactionConflicts() {
        return tables.stream().mapToInt(TableReport::compactionConflicts).sum();
    }

    public int snapshotsExpired() {
        return tables.stream().mapToInt(TableReport::snapshotsExpired).sum();
    }

    public int orphansFound() {
        return tables.stream().mapToInt(t -> t.orphansFound().size()).sum();
    }

    public int orphansDeleted() {
        return tables.stream().mapToInt(TableReport::orphansDeleted).sum();
    }

    public long failedTables() {
        return tables.stream().filter(t -> t.error() != null).count();
    }

    /** One line for the log. */
    public String summary() {
        return String.format("maintenance %s over %d tables in %d ms: rewrote %d files (%d bytes) into %d, %d conflicts;"
                        + " expired %d snapshots; orphans found %d, deleted %d; %d tables failed",
                tasks, tables.size(), duration.toMillis(), filesRewritten(), bytesRewritten(), filesAdded(),
                compactionConflicts(), snapshotsExpired(), orphansFound(), orphansDeleted(), failedTables());
    }
}
