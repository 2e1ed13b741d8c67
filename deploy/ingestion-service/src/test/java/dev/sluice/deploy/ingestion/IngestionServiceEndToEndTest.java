package dev.sluice.deploy.ingestion;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestJson;
import dev.sluice.localstack.Endpoints;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingestion deployable as it runs in production: one Micronaut context with the collector, the
 * Kafka pipeline, the Iceberg lake and registry-adapter's {@code SchemaCatalog} over the registry's
 * PostgreSQL database, on the real Kafka, PostgreSQL, S3 server and Trino. The schemas are the
 * registry's built-ins (seeds 000-003), registered into that database before the service starts, as
 * the registry service does ({@link ServiceTestStack#prepareRegistryDatabase()}), so the ACME
 * events are checked against the registry's own JSON Schema and its CEL rules, not against a test
 * copy. Every item sent ends stored, counted as a duplicate, or as a dead letter with its exact
 * reason; the results are read back through Trino.
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.KAFKA, Server.POSTGRES, Server.S3, Server.TRINO})
class IngestionServiceEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theServiceStoresDeduplicatesAndDeadLettersEveryItemAgainstTheRegistrysSchemas(Endpoints stack) throws Exception {
        ServiceTestStack run = ServiceTestStack.create(stack);
        String acme = run.acme;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant lateTime = now.minus(Duration.ofHours(30));

        // --- Kafka: 32 flat ACME records (seed 002) on the source topic.
        List<byte[]> acmeRecords = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acmeRecords.add(acme(i, now.minusSeconds(60), "start", 0));
        }
        for (int i = 0; i < 3; i++) {
            acmeRecords.add(acme(i, now.minusSeconds(60), "start", 0)); // exact duplicates
        }
        acmeRecords.add(acme(3, now.minusSeconds(60), "stop", 999)); // conflicting duplicates
        acmeRecords.add(acme(4, now.minusSeconds(60), "stop", 998));
        acmeRecords.add(acme(100, lateTime, "start", 0)); // late: stored in its own day
        acmeRecords.add(acme(101, lateTime, "start", 0));
        acmeRecords.add(acme(102, now.minus(Duration.ofHours(72)), "start", 0)); // too late
        acmeRecords.add(acme(103, now.plus(Duration.ofHours(1)), "start", 0)); // future
        // The registry's CEL rule start_has_no_watch_time: a start event has no watch time.
        acmeRecords.add(acme(104, now.minusSeconds(60), "start", 5));
        // The registry's JSON Schema: watch_duration_seconds is an integer.
        acmeRecords.add(TestJson.write(SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_id", "EVENT_00000105")
                .put("event_timestamp", now.minusSeconds(60).toString())
                .put("watch_duration_seconds", "five")
                .build())).getBytes(StandardCharsets.UTF_8));
        acmeRecords.add("{\"event_id\": \"EVENT_0000dead\", ".getBytes(StandardCharsets.UTF_8)); // malformed
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < acmeRecords.size(); i++) {
                producer.send(new ProducerRecord<>(acme, i % 2, now.toEpochMilli(), null, acmeRecords.get(i))).get();
            }
        }

        run.prepareRegistryDatabase();
        Map<String, Object> properties = new HashMap<>(run.serviceProperties());

        int httpItems;
        Map<String, Long> byReason = new HashMap<>();
        try (EmbeddedServer service = ApplicationContext.run(EmbeddedServer.class, properties)) {
            // --- HTTP: 16 items through the service's collector into the raw topic.
            StringBuilder first = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                first.append(envelope(i, now.minusSeconds(30))).append('\n');
            }
            first.append("{\"event_id\": \"broken\n"); // malformed line
            first.append("[".repeat(100)).append("]".repeat(100)).append('\n'); // too deep
            first.append("{\"event_id\":\"svc-nosource\",\"event_type\":\"log\"}\n"); // invalid envelope
            assertThat(post(service, first.toString()).statusCode()).isEqualTo(202);
            StringBuilder second = new StringBuilder();
            second.append(envelope(0, now.minusSeconds(30))).append('\n'); // exact duplicates
            second.append(envelope(1, now.minusSeconds(30))).append('\n');
            second.append("{\"event_id\":\"big\",\"pad\":\"").append("x".repeat(1_100_000)).append("\"}\n"); // oversized
            assertThat(post(service, second.toString()).statusCode()).isEqualTo(202);
            httpItems = 16;

            MeterRegistry metrics = service.getApplicationContext().getBean(MeterRegistry.class);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (counter(metrics, "sluice.pipeline.events.in") < acmeRecords.size() + httpItems && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(counter(metrics, "sluice.pipeline.events.in")).isEqualTo(acmeRecords.size() + httpItems);
            assertThat(counter(metrics, "sluice.pipeline.duplicates")).isEqualTo(5);
            for (io.micrometer.core.instrument.Counter c : metrics.find("sluice.pipeline.dead.letters").counters()) {
                byReason.merge(c.getId().getTag("reason"), (long) c.count(), Long::sum);
            }

            // Operators see the same through Prometheus.
            HttpResponse<String> prometheus = HTTP.send(HttpRequest.newBuilder(URI.create(service.getURL() + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body()).contains("sluice_pipeline_dead_letters_total{reason=\"RULE_VIOLATION\"} 1.0");
        }

        Map<String, Long> expectedReasons = Map.of("CONFLICTING_DUPLICATE", 2L, "TOO_LATE", 1L, "FUTURE_TIMESTAMP", 1L,
                "NOT_JSON", 2L, "TOO_DEEP", 1L, "INVALID_ENVELOPE", 1L, "OVERSIZED", 1L,
                "RULE_VIOLATION", 1L, "SCHEMA_VIOLATION", 1L);
        assertThat(byReason).isEqualTo(expectedReasons);

        String events = run.table("events");
        String deadLetters = run.table("dead_letters");
        assertThat(run.rows("SELECT source, count(*), count(DISTINCT event_id) FROM " + events + " GROUP BY source ORDER BY source"))
                .containsExactly("acme-telemetry|22|22", "checkout-service|10|10");
        Map<String, Long> storedReasons = new HashMap<>();
        for (String row : run.rows("SELECT reason, count(*) FROM " + deadLetters + " GROUP BY reason")) {
            storedReasons.put(row.split("\\|")[0], Long.parseLong(row.split("\\|")[1]));
        }
        assertThat(storedReasons).isEqualTo(expectedReasons);
        long dead = storedReasons.values().stream().mapToLong(Long::longValue).sum();
        assertThat(32 + 5 + dead).isEqualTo(acmeRecords.size() + httpItems);

        // The dead letters name what the registry's schema refused.
        assertThat(run.rows("SELECT detail FROM " + deadLetters + " WHERE reason = 'RULE_VIOLATION'"))
                .singleElement().asString().contains("start_has_no_watch_time");
        assertThat(run.rows("SELECT detail FROM " + deadLetters + " WHERE reason = 'SCHEMA_VIOLATION'"))
                .singleElement().asString().contains("watch_duration_seconds");

        // The ACME rows are versioned against the registry's subject, pseudonymised with the configured key,
        // and typed into the table whose columns are the registry's fields.
        assertThat(run.rows("SELECT subject, CAST(schema_version AS varchar), pii_key_id, count(*) FROM " + events
                + " WHERE source = 'acme-telemetry' GROUP BY 1, 2, 3"))
                .containsExactly("acme-telemetry|1|" + ServiceTestStack.PII_KEY_ID + "|22");
        assertThat(run.rows("SELECT count(*), count(DISTINCT customer_id), min(length(customer_id)), "
                + "count_if(customer_id = 'CUST_5e6f7g8h'), sum(watch_duration_seconds) FROM " + run.table("acme_telemetry")))
                .containsExactly("22|1|64|0|0");

        LocalDate lateDay = LocalDate.ofInstant(lateTime, ZoneOffset.UTC);
        assertThat(run.rows("SELECT CAST(partition.event_timestamp_day AS varchar), sum(record_count) FROM " + run.table("\"events$partitions\"")
                + " WHERE partition.event_timestamp_day = DATE '" + lateDay + "' GROUP BY 1"))
                .containsExactly(lateDay + "|2");
    }

    private static byte[] acme(int n, Instant eventTime, String type, long watch) {
        ObjectValue record = SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_id", String.format("EVENT_%08x", n))
                .put("event_timestamp", eventTime.toString())
                .put("event_type", type)
                .put("watch_duration_seconds", watch)
                .build());
        return TestJson.write(record).getBytes(StandardCharsets.UTF_8);
    }

    private static String envelope(int n, Instant eventTime) {
        return "{\"event_id\":\"chk-" + n + "\",\"source\":\"checkout-service\",\"event_type\":\"log\","
                + "\"event_timestamp\":\"" + eventTime + "\",\"payload\":{\"msg\":\"paid\",\"n\":" + n + "},"
                + "\"metadata\":{\"host\":\"h1\",\"env\":\"prod\",\"service\":\"checkout\"}}";
    }

    private static HttpResponse<String> post(EmbeddedServer server, String ndjson) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/events"))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + ServiceTestStack.KEY_ID + "." + ServiceTestStack.SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long counter(MeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
