package dev.sluice.deploy.ingestion;

import dev.sluice.ingestion.pipeline.MaintenanceLeadership;
import dev.sluice.lake.maintenance.LakeMaintenance;
import dev.sluice.lake.maintenance.MaintenanceReport.Task;
import dev.sluice.lake.maintenance.MaintenanceSchedule;
import dev.sluice.lake.maintenance.MaintenanceSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the leading instance runs a maintenance pass; the others count it as skipped. */
class LakeMaintenanceJobTest {

    @Test
    void aPassRunsOnlyWhileThisInstanceLeads() throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.initialize("test", Map.of());
        AtomicBoolean leads = new AtomicBoolean(false);
        MaintenanceLeadership leadership = new MaintenanceLeadership() {
            @Override
            public boolean leads() {
                return leads.get();
            }

            @Override
            public String describe() {
                return "test";
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (LakeMaintenance maintenance = new LakeMaintenance(catalog, MaintenanceSettings.defaults(), Clock.systemUTC())) {
            LakeMaintenanceJob job = new LakeMaintenanceJob(maintenance,
                    new MaintenanceSchedule(Duration.ofHours(1), Duration.ofHours(1)), leadership, meters);

            job.pass(EnumSet.of(Task.COMPACTION));
            assertThat(meters.find("sluice.lake.maintenance.skipped").counter().count()).isEqualTo(1.0);
            assertThat(meters.find("sluice.lake.maintenance.passes").counter()).isNull();

            leads.set(true);
            job.pass(EnumSet.of(Task.COMPACTION));
            assertThat(meters.find("sluice.lake.maintenance.passes").counter().count()).isEqualTo(1.0);
            assertThat(meters.find("sluice.lake.maintenance.skipped").counter().count()).isEqualTo(1.0);
            job.stop();
        }
    }
}
