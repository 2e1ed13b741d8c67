package dev.sluice.lake.maintenance;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaintenanceConfigurationTest {

    @Test
    void defaults() {
        try (ApplicationContext context = ApplicationContext.run()) {
            MaintenanceConfiguration config = context.getBean(MaintenanceConfiguration.class);

            assertThat(config.enabled()).isTrue();
            assertThat(config.compactionInterval()).isEqualTo(Duration.ofMinutes(10));
            assertThat(config.cleanupInterval()).isEqualTo(Duration.ofHours(1));
            assertThat(config.settings("telemetry")).isEqualTo(MaintenanceSettings.defaults());
            assertThat(context.getBean(MaintenanceSchedule.class))
                    .isEqualTo(new MaintenanceSchedule(Duration.ofMinutes(10), Duration.ofHours(1)));
        }
    }

    @Test
    void explicitMapping() {
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("sluice.lake.maintenance.compaction-interval", "2m"),
                Map.entry("sluice.lake.maintenance.cleanup-interval", "30m"),
                Map.entry("sluice.lake.maintenance.small-file-size", "1000"),
                Map.entry("sluice.lake.maintenance.min-input-files", "7"),
                Map.entry("sluice.lake.maintenance.target-file-size", "2000"),
                Map.entry("sluice.lake.maintenance.max-rewrite-bytes", "3000"),
                Map.entry("sluice.lake.maintenance.snapshot-retention", "6h"),
                Map.entry("sluice.lake.maintenance.min-snapshots", "9"),
                Map.entry("sluice.lake.maintenance.orphan-safety-age", "2d"),
                Map.entry("sluice.lake.maintenance.orphan-dry-run", "true"));
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            MaintenanceConfiguration config = context.getBean(MaintenanceConfiguration.class);

            assertThat(config.settings("tele")).isEqualTo(new MaintenanceSettings("tele", 1000, 7, 2000, 3000,
                    Duration.ofHours(6), 9, Duration.ofDays(2), true));
            assertThat(context.getBean(MaintenanceSchedule.class))
                    .isEqualTo(new MaintenanceSchedule(Duration.ofMinutes(2), Duration.ofMinutes(30)));
        }
    }

    @Test
    void switchedOffThereIsNoMaintenanceBean() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sluice.lake.maintenance.enabled", "false"))) {
            assertThat(context.containsBean(LakeMaintenance.class)).isFalse();
            assertThat(context.containsBean(MaintenanceSchedule.class)).isFalse();
        }
    }

    @Test
    void anOrphanSafetyAgeShorterThanAnHourIsRefused() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sluice.lake.maintenance.orphan-safety-age", "10m"))) {
            MaintenanceConfiguration config = context.getBean(MaintenanceConfiguration.class);

            assertThatThrownBy(() -> config.settings("telemetry"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("orphan-safety-age must be at least PT1H");
        }
    }
}
