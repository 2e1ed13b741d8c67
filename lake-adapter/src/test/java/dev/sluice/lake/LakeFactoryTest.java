package dev.sluice.lake;

import dev.sluice.domain.application.port.out.DeadLetterSink;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Micronaut wires the ports from sluice.lake.* against the real catalog and S3 server. */
@LocalStackServers({Server.POSTGRES, Server.S3})
class LakeFactoryTest {

    @Test
    void thePortsAreBeansAndTheirTablesExist(IcebergEndpoint iceberg, PostgresEndpoint postgres, S3Endpoint s3) {
        String namespace = LakeTestSupport.newNamespace("wiring");
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
                Map.entry("sluice.lake.s3-path-style", "true"));
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            context.registerSingleton(SchemaCatalog.class, new InMemorySchemaCatalog());

            EventLake lake = context.getBean(EventLake.class);
            DeadLetterSink sink = context.getBean(DeadLetterSink.class);

            assertThat(lake).isInstanceOf(ExactlyOnceLake.class);
            assertThat(sink).isNotNull();
            assertThat(context.getBean(CommitPolicy.class)).isEqualTo(CommitPolicy.DEFAULT);
            var catalog = LakeTestSupport.catalog(iceberg);
            assertThat(catalog.tableExists(org.apache.iceberg.catalog.TableIdentifier.of(namespace, "events"))).isTrue();
            assertThat(catalog.tableExists(org.apache.iceberg.catalog.TableIdentifier.of(namespace, "dead_letters"))).isTrue();
        }
    }
}
