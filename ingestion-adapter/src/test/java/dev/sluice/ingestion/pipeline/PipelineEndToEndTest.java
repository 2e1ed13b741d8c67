package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestJson;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.KafkaEndpoint;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5 end to end on the real servers: events over HTTP (the collector, into the raw topic) and
 * over Kafka (seed 002's flat ACME records on a source topic), through the pipeline into Iceberg,
 * read back through Trino. Every item sent ends stored, counted as a duplicate, or as a dead letter
 * with its exact reason, and late events sit in the partition of their own day.
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.KAFKA, Server.POSTGRES, Server.S3, Server.TRINO})
class PipelineEndToEndTest {

    private static final String SECRET = "pipeline-e2e-secret-0123";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void everyItemSentOverHttpAndKafkaEndsStoredDuplicateOrDeadLetteredExactlyOnce(
            KafkaEndpoint kafka, IcebergEndpoint iceberg, TrinoEndpoint trino) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String raw = "telemetry.events.raw.e2e-" + id;
        String acme = "acme-telemetry.e2e-" + id;
        String namespace = "e2e_" + id;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(raw, 2, (short) 1).configs(Map.of("max.message.bytes", "2097152")),
                    new NewTopic(acme, 2, (short) 1),
                    new NewTopic(raw + ".dlq", 1, (short) 1).configs(Map.of("max.message.bytes", "2097152")),
                    new NewTopic(acme + ".dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant lateTime = now.minus(Duration.ofHours(30));

        // --- Kafka: 30 ACME records on the source topic.
        List<byte[]> acmeRecords = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acmeRecords.add(acmeEvent(i, now.minusSeconds(60), 0));
        }
        for (int i = 0; i < 3; i++) {
            acmeRecords.add(acmeEvent(i, now.minusSeconds(60), 0)); // exact duplicates
        }
        acmeRecords.add(acmeEvent(3, now.minusSeconds(60), 999)); // conflicting duplicates: same id, other content
        acmeRecords.add(acmeEvent(4, now.minusSeconds(60), 998));
        acmeRecords.add(acmeEvent(100, lateTime, 0)); // late: stored in its own day
        acmeRecords.add(acmeEvent(101, lateTime, 0));
        acmeRecords.add(acmeEvent(102, now.minus(Duration.ofHours(72)), 0)); // too late
        acmeRecords.add(acmeEvent(103, now.plus(Duration.ofHours(1)), 0)); // future
        acmeRecords.add("{\"event_id\": \"EVENT_0000dead\", ".getBytes(StandardCharsets.UTF_8)); // malformed
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < acmeRecords.size(); i++) {
                producer.send(new ProducerRecord<>(acme, i % 2, now.toEpochMilli(), null, acmeRecords.get(i))).get();
            }
        }

        // --- HTTP: 16 items through the collector into the raw topic.
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (EmbeddedServer collector = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "sluice.collector.raw-topic", raw,
                "sluice.collector.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "sluice.collector.api-keys.e2e.sha256", HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8))),
                "sluice.collector.api-keys.e2e.sources", "*"))) {
            StringBuilder first = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                first.append(envelope(i, now.minusSeconds(30))).append('\n');
            }
            first.append("{\"event_id\": \"broken\n"); // malformed line
            first.append("[".repeat(100)).append("]".repeat(100)).append('\n'); // too deep
            first.append("{\"event_id\":\"e2e-nosource\",\"event_type\":\"log\"}\n"); // invalid envelope
            assertThat(post(collector, first.toString())).isEqualTo(202);
            StringBuilder second = new StringBuilder();
            second.append(envelope(0, now.minusSeconds(30))).append('\n'); // exact duplicates
            second.append(envelope(1, now.minusSeconds(30))).append('\n');
            second.append("{\"event_id\":\"big\",\"pad\":\"").append("x".repeat(1_100_000)).append("\"}\n"); // oversized
            assertThat(post(collector, second.toString())).isEqualTo(202);
        }

        // --- The pipeline drains both topics.
        PipelineConfig config = LakeHarness.config(kafka.bootstrapServers(), raw, 200_000, Duration.ofSeconds(1));
        try (LakeWriterPipeline pipeline = LakeHarness.start(config, List.of(LakeHarness.acme(acme)),
                iceberg.catalogName(), iceberg.catalogProperties(), namespace, metrics)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> counter(metrics, "sluice.pipeline.events.in") >= 46);
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.loop().state() == LakeWriterLoop.State.RUNNING);
        }

        assertThat(counter(metrics, "sluice.pipeline.events.in")).isEqualTo(46);
        assertThat(counter(metrics, "sluice.pipeline.duplicates")).isEqualTo(5);
        String events = "iceberg." + namespace + ".events";
        String deadLetters = "iceberg." + namespace + ".dead_letters";
        assertThat(trino.scalar("SELECT count(*) FROM " + events)).isEqualTo(32);
        assertThat(trino.scalar("SELECT count(DISTINCT event_id) FROM " + events)).isEqualTo(32);
        assertThat(trino.rows("SELECT source, count(*) FROM " + events + " GROUP BY source ORDER BY source"))
                .containsExactly("acme-telemetry|22", "checkout-service|10");
        Map<String, Long> byReason = new HashMap<>();
        for (String row : trino.rows("SELECT reason, count(*) FROM " + deadLetters + " GROUP BY reason")) {
            byReason.put(row.split("\\|")[0], Long.parseLong(row.split("\\|")[1]));
        }
        assertThat(byReason).isEqualTo(Map.of("CONFLICTING_DUPLICATE", 2L, "TOO_LATE", 1L, "FUTURE_TIMESTAMP", 1L,
                "NOT_JSON", 2L, "TOO_DEEP", 1L, "INVALID_ENVELOPE", 1L, "OVERSIZED", 1L));
        long stored = 32;
        long duplicates = 5;
        long dead = byReason.values().stream().mapToLong(Long::longValue).sum();
        assertThat(stored + duplicates + dead).isEqualTo(acmeRecords.size() + 16);

        LocalDate lateDay = LocalDate.ofInstant(lateTime, ZoneOffset.UTC);
        assertThat(trino.rows("SELECT lateness, CAST(date(event_timestamp AT TIME ZONE 'UTC') AS varchar), count(*) FROM "
                + events + " WHERE lateness = 'LATE' GROUP BY 1, 2"))
                .containsExactly("LATE|" + lateDay + "|2");
        assertThat(trino.rows("SELECT CAST(partition.event_timestamp_day AS varchar), sum(record_count) FROM iceberg." + namespace
                + ".\"events$partitions\" WHERE partition.event_timestamp_day = DATE '" + lateDay
                + "' GROUP BY 1").stream().map(r -> r.split("\\|")[1]).toList()).containsExactly("2");

        assertThat(dlqReasons(kafka, acme + ".dlq", 5)).containsExactlyInAnyOrder(
                "CONFLICTING_DUPLICATE", "CONFLICTING_DUPLICATE", "TOO_LATE", "FUTURE_TIMESTAMP", "NOT_JSON");
        assertThat(dlqReasons(kafka, raw + ".dlq", 4)).containsExactlyInAnyOrder(
                "OVERSIZED", "TOO_DEEP", "INVALID_ENVELOPE", "NOT_JSON");
    }

    private static byte[] acmeEvent(int n, Instant eventTime, long watch) {
        ObjectValue record = SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_id", String.format("EVENT_%08x", n))
                .put("event_timestamp", eventTime.toString())
                .put("event_type", watch == 0 ? "start" : "stop")
                .put("watch_duration_seconds", watch)
                .build());
        return TestJson.write(record).getBytes(StandardCharsets.UTF_8);
    }

    private static String envelope(int n, Instant eventTime) {
        return "{\"event_id\":\"chk-" + n + "\",\"source\":\"checkout-service\",\"event_type\":\"log\","
                + "\"event_timestamp\":\"" + eventTime + "\",\"payload\":{\"msg\":\"paid\",\"n\":" + n + "},"
                + "\"metadata\":{\"host\":\"h1\",\"env\":\"prod\",\"service\":\"checkout\"}}";
    }

    private static int post(EmbeddedServer server, String ndjson) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/events"))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer e2e." + SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static double counter(SimpleMeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static List<String> dlqReasons(KafkaEndpoint kafka, String topic, int expected) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && reasons.size() < expected) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    reasons.add(new String(r.headers().lastHeader("sluice.dlq.reason").value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
