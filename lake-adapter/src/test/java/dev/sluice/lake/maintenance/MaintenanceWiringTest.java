package dev.sluice.lake.maintenance;

import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.PostgresEndpoint;
import dev.sluice.localstack.Endpoints.S3Endpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Micronaut wires maintenance from sluice.lake.* onto the same real catalog and warehouse as the lake. */
@LocalStackServers({Server.POSTGRES, Server.S3})
class MaintenanceWiringTest {

    @Test
    void theMaintenanceBeanVisitsTheLakesTablesInItsNamespace(IcebergEndpoint iceberg, PostgresEndpoint postgres, S3Endpoint s3) {
        String namespace = "wiring_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("sluice.lake.catalog-name", iceberg.catalogName()),
                Map.entry("sluice.lake.catalog-uri", iceberg.catalogJdbcUrl()),
                Map.entry("sluice.lake.catalog-user", postgres.user()),
                Map.entry("sluice.lake.catalog-password", postgres.password()),
                Map.entry("sluice.lake.warehouse", iceberg.warehouse()),
                Map.entry("sluice.lake.namespace", namespace),
                Map.entry("sluice.lake.s3-endpoint", s3.endpoint().toString()),
                Map.entry("sluice.lake.s3-region", s3.region()),
                Map.entry("sluice.lake.s3-access-key", s3.accessKey()),
                Map.entry("sluice.lake.s3-secret-key", s3.secretKey()),
                Map.entry("sluice.lake.s3-path-style", "true"),
                Map.entry("sluice.lake.maintenance.orphan-dry-run", "true"));
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            context.registerSingleton(SchemaCatalog.class, new InMemorySchemaCatalog());
            context.getBean(EventLake.class); // creates events and dead_letters

            LakeMaintenance maintenance = context.getBean(LakeMaintenance.class);
            MaintenanceReport report = maintenance.runAll();

            assertThat(maintenance.settings().namespace()).isEqualTo(namespace);
            assertThat(maintenance.settings().orphanDryRun()).isTrue();
            assertThat(report.tables()).extracting(MaintenanceReport.TableReport::table)
                    .containsExactly(namespace + ".dead_letters",
                            namespace + ".events");
            assertThat(report.failedTables()).isZero();
            assertThat(report.orphansFound()).isZero();
        }
    }
}
