package dev.sluice.lake.maintenance;

import dev.sluice.lake.maintenance.MaintenanceReport.Task;
import dev.sluice.lake.maintenance.MaintenanceReport.TableReport;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Keeps Sluice's tables healthy: every table of the namespace ({@code telemetry.events}, the typed
 * tables, {@code telemetry.dead_letters}). A pass runs the requested tasks on each table in turn:
 * <ol>
 *   <li>{@link Task#COMPACTION}: small data files of a partition are rewritten into files of the
 *       target size (see {@code TableCompaction});</li>
 *   <li>{@link Task#SNAPSHOT_EXPIRY}: snapshots past the retention go, with the files only they
 *       referenced, but never the chain that holds Sluice's positions (see {@code SnapshotExpiry});</li>
 *   <li>{@link Task#ORPHAN_REMOVAL}: files no snapshot references, older than the safety age, are
 *       deleted or, in dry-run mode, reported (see {@code OrphanFiles}).</li>
 * </ol>
 * A failure on one table is recorded in its report and the pass goes on. Passes are not meant to run
 * concurrently with each other (one scheduler thread); they may run concurrently with the pipeline.
 */
public final class LakeMaintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LakeMaintenance.class);

    private final Catalog catalog;
    private final MaintenanceSettings settings;
    private final TableCompaction compaction;
    private final SnapshotExpiry expiry;
    private final OrphanFiles orphans;

    public LakeMaintenance(Catalog catalog, MaintenanceSettings settings, Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.settings = requireNonNull(settings, "settings is null");
        requireNonNull(clock, "clock is null");
        this.compaction = new TableCompaction(settings);
        this.expiry = new SnapshotExpiry(settings, clock);
        this.orphans = new OrphanFiles(settings, clock);
    }

    /** Maintenance on the catalog {@code catalogProperties} describe (as {@code CatalogUtil.buildIcebergCatalog} reads them). */
    public static LakeMaintenance open(String catalogName, Map<String, String> catalogProperties, MaintenanceSettings settings) {
        return new LakeMaintenance(CatalogUtil.buildIcebergCatalog(catalogName, catalogProperties, null), settings,
                Clock.systemUTC());
    }

    public MaintenanceSettings settings() {
        return settings;
    }

    public MaintenanceReport compact() {
        return run(EnumSet.of(Task.COMPACTION));
    }

    public MaintenanceReport expireSnapshots() {
        return run(EnumSet.of(Task.SNAPSHOT_EXPIRY));
    }

    public MaintenanceReport removeOrphans() {
        return run(EnumSet.of(Task.ORPHAN_REMOVAL));
    }

    /** Compaction, then expiry (which frees the compacted-away files), then orphan removal. */
    public MaintenanceReport runAll() {
        return run(EnumSet.allOf(Task.class));
    }

    public MaintenanceReport run(Set<Task> tasks) {
        long start = System.nanoTime();
        List<TableReport> reports = new ArrayList<>();
        for (TableIdentifier id : tables()) {
            TableReport report = TableReport.empty(id.toString());
            Table table;
            try {
                table = catalog.loadTable(id);
            } catch (NoSuchTableException e) {
                continue; // dropped since the listing
            }
            for (Task task : List.of(Task.COMPACTION, Task.SNAPSHOT_EXPIRY, Task.ORPHAN_REMOVAL)) {
                if (!tasks.contains(task)) {
                    continue;
                }
                try {
                    report = switch (task) {
                        case COMPACTION -> report.withCompaction(compaction.commit(compaction.prepare(table)));
                        case SNAPSHOT_EXPIRY -> report.withExpiry(expiry.expire(table));
                        case ORPHAN_REMOVAL -> report.withOrphans(orphans.remove(table));
                    };
                } catch (RuntimeException e) {
                    LOG.warn("Maintenance task {} failed on {}: {}", task, id, e.toString(), e);
                    report = report.withError(task + ": " + e);
                }
            }
            reports.add(report);
        }
        return new MaintenanceReport(List.copyOf(tasks), reports, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<TableIdentifier> tables() {
        try {
            return catalog.listTables(Namespace.of(settings.namespace().split("\\."))).stream()
                    .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
        } catch (NoSuchNamespaceException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (catalog instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.warn("Cannot close the maintenance catalog: {}", e.getMessage());
            }
        }
    }
}
