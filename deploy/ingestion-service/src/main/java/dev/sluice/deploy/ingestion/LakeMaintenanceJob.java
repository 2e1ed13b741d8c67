package dev.sluice.deploy.ingestion;

import dev.sluice.ingestion.pipeline.MaintenanceLeadership;
import dev.sluice.lake.maintenance.LakeMaintenance;
import dev.sluice.lake.maintenance.MaintenanceReport;
import dev.sluice.lake.maintenance.MaintenanceReport.Task;
import dev.sluice.lake.maintenance.MaintenanceSchedule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lake's table maintenance beside the pipeline, on one thread so that passes never
 * overlap: compaction every {@code sluice.lake.maintenance.compaction-interval} (10 min), snapshot
 * expiry and orphan removal every {@code cleanup-interval} (1 h), each first one interval after
 * start. Off with {@code sluice.lake.maintenance.enabled=false} (no {@link LakeMaintenance} bean),
 * and only where the pipeline writes the lake. With several ingestion instances only the leader
 * runs a pass ({@link MaintenanceLeadership}: the owner of the pipeline's leader partition); the
 * others skip it and count {@code sluice.lake.maintenance.skipped}. One log line per pass, and
 * counters {@code sluice.lake.maintenance.*} on the Prometheus endpoint.
 */
@Context
@Requires(property = "sluice.ingestion.pipeline.enabled", value = "true")
@Requires(beans = {LakeMaintenance.class, MaintenanceSchedule.class, MaintenanceLeadership.class})
class LakeMaintenanceJob {

    private static final Logger LOG = LoggerFactory.getLogger(LakeMaintenanceJob.class);

    private final LakeMaintenance maintenance;
    private final MaintenanceSchedule schedule;
    private final MaintenanceLeadership leadership;
    private final MeterRegistry meters;
    private final ScheduledExecutorService executor;

    LakeMaintenanceJob(LakeMaintenance maintenance, MaintenanceSchedule schedule, MaintenanceLeadership leadership,
                       MeterRegistry meters) {
        this.maintenance = maintenance;
        this.schedule = schedule;
        this.leadership = leadership;
        this.meters = meters;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sluice-lake-maintenance");
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    @PostConstruct
    void start() {
        long compaction = schedule.compactionInterval().toMillis();
        long cleanup = schedule.cleanupInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> pass(EnumSet.of(Task.COMPACTION)), compaction, compaction, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> pass(EnumSet.of(Task.SNAPSHOT_EXPIRY, Task.ORPHAN_REMOVAL)), cleanup, cleanup,
                TimeUnit.MILLISECONDS);
        LOG.info("Lake maintenance scheduled: compaction every {}, snapshot expiry and orphan removal every {} ({}); "
                        + "it runs on one instance: {}", schedule.compactionInterval(), schedule.cleanupInterval(),
                maintenance.settings(), leadership.describe());
    }

    /** One pass; never throws, or the executor would stop scheduling it. */
    void pass(Set<Task> tasks) {
        if (!leadership.leads()) {
            meters.counter("sluice.lake.maintenance.skipped", Tags.of("task", tasks.toString())).increment();
            LOG.debug("Lake maintenance pass {} skipped: this instance does not lead ({})", tasks, leadership.describe());
            return;
        }
        try {
            MaintenanceReport report = maintenance.run(tasks);
            LOG.info("Lake {}", report.summary());
            report.tables().stream().filter(t -> t.error() != null)
                    .forEach(t -> LOG.warn("Lake maintenance failed on {}: {}", t.table(), t.error()));
            record(report);
        } catch (RuntimeException e) {
            meters.counter("sluice.lake.maintenance.failures", Tags.of("task", tasks.toString())).increment();
            LOG.error("Lake maintenance pass {} failed", tasks, e);
        }
    }

    private void record(MaintenanceReport report) {
        String task = report.tasks().size() == 1 ? report.tasks().getFirst().name().toLowerCase(java.util.Locale.ROOT) : "cleanup";
        Tags tags = Tags.of("task", task);
        meters.counter("sluice.lake.maintenance.passes", tags).increment();
        meters.timer("sluice.lake.maintenance.pass.duration", tags).record(report.duration());
        meters.counter("sluice.lake.maintenance.files.rewritten").increment(report.filesRewritten());
        meters.counter("sluice.lake.maintenance.bytes.rewritten").increment(report.bytesRewritten());
        meters.counter("sluice.lake.maintenance.files.added").increment(report.filesAdded());
        meters.counter("sluice.lake.maintenance.compaction.conflicts").increment(report.compactionConflicts());
        meters.counter("sluice.lake.maintenance.snapshots.expired").increment(report.snapshotsExpired());
        meters.counter("sluice.lake.maintenance.orphans.found").increment(report.orphansFound());
        meters.counter("sluice.lake.maintenance.orphans.deleted").increment(report.orphansDeleted());
        meters.counter("sluice.lake.maintenance.table.failures", tags).increment(report.failedTables());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
