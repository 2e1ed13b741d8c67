package dev.sluice.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.TrinoContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same servers as Testcontainers containers, for machines with a Docker engine
 * ({@code -Dsluice.infra=containers}). Only this class touches Testcontainers, and it is loaded
 * only in that mode, so the dependency stays optional. It cannot run where there is no Docker
 * engine, which includes the machine this module was written on: treat it as untested.
 */
final class ContainerServers implements AutoCloseable {
    private static final String POSTGRES_ALIAS = "postgres";
    private static final String MINIO_ALIAS = "minio";

    private final Network network = Network.newNetwork();
    private final List<GenericContainer<?>> started = new ArrayList<>();
    private PostgreSQLContainer<?> postgres;
    private MinIOContainer minio;

    Endpoints ensure(EnumSet<Server> wanted, Endpoints current, LocalStackConfig.WarehouseKind warehouse) {
        if (warehouse != LocalStackConfig.WarehouseKind.S3 && wanted.contains(Server.TRINO)) {
            throw new LocalStackException("With -Dsluice.infra=containers, Trino needs the S3 warehouse: a file:// warehouse is not shared with the container");
        }
        Endpoints.KafkaEndpoint kafka = current.findKafka().orElse(null);
        if (wanted.contains(Server.KAFKA)) {
            KafkaContainer container = start(new KafkaContainer("apache/kafka:4.1.0").withNetwork(network));
            kafka = new Endpoints.KafkaEndpoint(container.getBootstrapServers());
        }
        Endpoints.S3Endpoint s3 = current.findS3().orElse(null);
        if (wanted.contains(Server.S3)) {
            minio = start(new MinIOContainer("minio/minio:RELEASE.2024-12-18T13-15-44Z").withNetwork(network).withNetworkAliases(MINIO_ALIAS));
            s3 = new Endpoints.S3Endpoint(URI.create(minio.getS3URL()), S3Proxy.REGION, minio.getUserName(), minio.getPassword());
        }
        Endpoints.PostgresEndpoint pg = current.findPostgres().orElse(null);
        if (wanted.contains(Server.POSTGRES)) {
            postgres = start(new PostgreSQLContainer<>("postgres:16-alpine").withNetwork(network).withNetworkAliases(POSTGRES_ALIAS));
            pg = new Endpoints.PostgresEndpoint(postgres.getHost(), postgres.getMappedPort(5432), postgres.getUsername(), postgres.getPassword());
            pg.createDatabase(LocalStack.REGISTRY_DATABASE);
        }
        Endpoints.IcebergEndpoint iceberg = current.findIceberg().orElse(null);
        boolean s3Warehouse = warehouse == LocalStackConfig.WarehouseKind.S3;
        if (iceberg == null && pg != null && (!s3Warehouse || s3 != null)) {
            iceberg = IcebergCatalog.endpoint(pg, s3Warehouse ? s3 : null, Path.of(System.getProperty("java.io.tmpdir"), "sluice-warehouse"));
            if (s3Warehouse) {
                s3.createBucket(IcebergCatalog.WAREHOUSE_BUCKET);
            }
            IcebergCatalog.bootstrap(pg, iceberg);
        }
        Endpoints.TrinoEndpoint trino = current.findTrino().orElse(null);
        if (wanted.contains(Server.TRINO)) {
            // Inside the Docker network Trino reaches PostgreSQL and MinIO by their aliases.
            Endpoints.PostgresEndpoint inNetwork = new Endpoints.PostgresEndpoint(POSTGRES_ALIAS, 5432, pg.user(), pg.password());
            Endpoints.S3Endpoint s3InNetwork = new Endpoints.S3Endpoint(URI.create("http://" + MINIO_ALIAS + ":9000"), s3.region(), s3.accessKey(), s3.secretKey());
            Endpoints.IcebergEndpoint catalogInNetwork = IcebergCatalog.endpoint(inNetwork, s3InNetwork, null);
            Map<String, String> properties = IcebergCatalog.trinoProperties(inNetwork, s3InNetwork, catalogInNetwork);
            String file = properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "connector.name=iceberg\n", "\n"));
            TrinoContainer container = start(new TrinoContainer("trinodb/trino:476").withNetwork(network)
                    .withCopyToContainer(Transferable.of(file), "/etc/trino/catalog/iceberg.properties"));
            trino = new Endpoints.TrinoEndpoint(container.getJdbcUrl() + "?explicitPrepare=false",
                    URI.create("http://" + container.getHost() + ":" + container.getMappedPort(8080)));
        }
        return new Endpoints(kafka, pg, s3, iceberg, trino);
    }

    private <T extends GenericContainer<?>> T start(T container) {
        container.start();
        started.add(container);
        return container;
    }

    @Override
    public void close() {
        started.reversed().forEach(GenericContainer::stop);
        network.close();
    }
}
