package dev.sluice.lake.maintenance;

import dev.sluice.lake.LakeCatalogSpec;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Wires {@link LakeMaintenance} from {@code sluice.lake.*} and {@code sluice.lake.maintenance.*}; absent when switched off. */
@Factory
class MaintenanceFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "sluice.lake.maintenance.enabled", notEquals = "false")
    LakeMaintenance lakeMaintenance(LakeCatalogSpec lake, MaintenanceConfiguration config) {
        return LakeMaintenance.open(lake.catalogName(), lake.catalogProperties(), config.settings(lake.namespace()));
    }

    @Singleton
    @Requires(property = "sluice.lake.maintenance.enabled", notEquals = "false")
    MaintenanceSchedule maintenanceSchedule(MaintenanceConfiguration config) {
        return new MaintenanceSchedule(config.compactionInterval(), config.cleanupInterval());
    }
}
