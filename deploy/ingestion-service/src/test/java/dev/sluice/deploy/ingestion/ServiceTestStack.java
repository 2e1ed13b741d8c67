package dev.sluice.deploy.ingestion;

import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.localstack.Endpoints;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingestion service's configuration on the local stack's real servers, as {@code ./sluice up}
 * configures it (deploy/launcher's {@code Platform}), for one test run: its own topics, Iceberg
 * namespace and registry database, so that test classes never see each other's data.
 */
final class ServiceTestStack {

    static final String KEY_ID = "svc";
    static final String SECRET = "ingestion-service-test-secret-0123";
    static final String PII_KEY_ID = "k-svc";

    final Endpoints stack;
    final String raw;
    final String acme;
    final String namespace;
    private final String registryDatabase;

    private ServiceTestStack(Endpoints stack, String id) {
        this.stack = stack;
        this.raw = "telemetry.events.raw.svc-" + id;
        this.acme = "acme-telemetry.svc-" + id;
        this.namespace = "svc_" + id;
        this.registryDatabase = "registry_svc_" + id;
    }

    /** Creates the run's topics (2 partitions each, and their .dlq) and its registry database. */
    static ServiceTestStack create(Endpoints stack) throws Exception {
        ServiceTestStack s = new ServiceTestStack(stack, UUID.randomUUID().toString().substring(0, 8));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(s.raw, 2, (short) 1).configs(Map.of("max.message.bytes", "2097152")),
                    new NewTopic(s.acme, 2, (short) 1),
                    new NewTopic(s.raw + ".dlq", 1, (short) 1).configs(Map.of("max.message.bytes", "2097152")),
                    new NewTopic(s.acme + ".dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        stack.postgres().createDatabase(s.registryDatabase);
        return s;
    }

    /** The service's properties: collector, pipeline (raw topic and the ACME source topic), lake, and the registry's database. */
    Map<String, String> serviceProperties() {
        Endpoints.PostgresEndpoint pg = stack.postgres();
        Endpoints.S3Endpoint s3 = stack.s3();
        Endpoints.IcebergEndpoint iceberg = stack.iceberg();
        String bootstrap = stack.kafka().bootstrapServers();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", "-1");
        p.put("sluice.collector.raw-topic", raw);
        p.put("sluice.collector.kafka.bootstrap-servers", bootstrap);
        p.put("sluice.collector.api-keys." + KEY_ID + ".sha256", sha256Hex(SECRET));
        p.put("sluice.collector.api-keys." + KEY_ID + ".sources", "*");
        p.put("kafka.bootstrap.servers", bootstrap);
        p.put("sluice.lake.catalog-type", "JDBC");
        p.put("sluice.lake.catalog-name", iceberg.catalogName());
        p.put("sluice.lake.catalog-uri", iceberg.catalogJdbcUrl());
        p.put("sluice.lake.catalog-user", pg.user());
        p.put("sluice.lake.catalog-password", pg.password());
        p.put("sluice.lake.warehouse", iceberg.warehouse());
        p.put("sluice.lake.namespace", namespace);
        p.put("sluice.lake.file-io", "S3");
        p.put("sluice.lake.s3-endpoint", s3.endpoint().toString());
        p.put("sluice.lake.s3-region", s3.region());
        p.put("sluice.lake.s3-access-key", s3.accessKey());
        p.put("sluice.lake.s3-secret-key", s3.secretKey());
        p.put("sluice.lake.s3-path-style", "true");
        p.put("sluice.lake.commit-interval", "1s");
        p.put("sluice.ingestion.pipeline.enabled", "true");
        p.put("sluice.ingestion.pipeline.bootstrap-servers", bootstrap);
        p.put("sluice.ingestion.pipeline.raw-topic", raw);
        p.put("sluice.ingestion.pipeline.group-id", "sluice-lake-writer-" + namespace);
        p.put("sluice.ingestion.pipeline.max-batch-interval", "1s");
        p.put("sluice.ingestion.pipeline.sources.acme-telemetry.topic", acme);
        p.put("sluice.ingestion.pipeline.pii-key-id", PII_KEY_ID);
        p.put("sluice.ingestion.pipeline.pii-secret", "ingestion-service-test-pii-secret-0123456789abcdef");
        p.put("sluice.ingestion.pipeline.fingerprint-secret", "ingestion-service-test-fingerprint-0123456789");
        // The pipeline's SchemaCatalog reads the registry's database, as ./sluice up configures it: the
        // registry service owns the migrations and the built-ins (prepareRegistryDatabase stands in for it).
        p.put("datasources.default.url", pg.jdbcUrl(registryDatabase));
        p.put("datasources.default.username", pg.user());
        p.put("datasources.default.password", pg.password());
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        p.put("datasources.default.dialect", "POSTGRES");
        p.put("datasources.default.maximum-pool-size", "4");
        p.put("flyway.datasources.default.enabled", "false");
        p.put("sluice.registry.builtins", "false");
        p.put("sluice.registry.auth.enabled", "false");
        p.put("sluice.registry.events.enabled", "false");
        return p;
    }

    /**
     * What the registry service does before any event flows: it migrates its database and registers
     * the built-in schemas (seeds 000-003). Run here as a context of registry-adapter on the run's
     * database, without the pipeline, and closed before the service starts.
     */
    void prepareRegistryDatabase() {
        Map<String, Object> p = new HashMap<>();
        serviceProperties().forEach((k, v) -> {
            if (k.startsWith("datasources.") || k.startsWith("sluice.collector.")) {
                p.put(k, v);
            }
        });
        p.put("micronaut.server.port", -1);
        p.put("flyway.datasources.default.enabled", "true");
        p.put("sluice.registry.builtins", "true");
        p.put("sluice.registry.auth.enabled", "false");
        p.put("sluice.registry.events.enabled", "false");
        p.put("sluice.ingestion.pipeline.enabled", "false");
        try (ApplicationContext registry = ApplicationContext.run(p)) {
            assertThat(registry.getBean(SchemaCatalog.class).resolve("acme-telemetry", "start"))
                    .as("the built-in ACME schema").isPresent();
        }
    }

    /** Each row of the query as its columns joined by "|" (see {@link Endpoints.TrinoEndpoint#rows}). */
    List<String> rows(String sql) throws SQLException {
        return stack.trino().rows(sql);
    }

    long scalar(String sql) throws SQLException {
        return stack.trino().scalar(sql);
    }

    /** The run's table, qualified for Trino. */
    String table(String name) {
        return "iceberg." + namespace + "." + name;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
