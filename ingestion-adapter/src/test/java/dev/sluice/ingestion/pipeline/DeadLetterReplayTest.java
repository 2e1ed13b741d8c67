package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestJson;
import dev.sluice.ingestion.kafka.DeadLetterReplay;
import dev.sluice.ingestion.kafka.ReplaySignature;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.KafkaEndpoint;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5: TOO_LATE and FUTURE events become dead letters, which can be replayed with an override.
 * On the real servers: the pipeline dead-letters them; a forged override (unsigned) changes nothing;
 * {@link DeadLetterReplay} sends them back signed, and the pipeline stores each once with its true
 * lateness class in its own day partition, while the forged copy, replayed too, is a counted
 * duplicate. The dead-letter table keeps its history.
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.KAFKA, Server.POSTGRES, Server.S3, Server.TRINO})
class DeadLetterReplayTest {

    @Test
    void tooLateAndFutureDeadLettersAreStoredOnceWhenReplayedWithASignedOverride(KafkaEndpoint kafka, IcebergEndpoint iceberg,
                                                                                  TrinoEndpoint trino) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String raw = "telemetry.events.raw.replay-" + id;
        String acme = "acme-telemetry.replay-" + id;
        String namespace = "replay_" + id;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(raw, 1, (short) 1), new NewTopic(acme, 2, (short) 1),
                    new NewTopic(raw + ".dlq", 1, (short) 1), new NewTopic(acme + ".dlq", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant tooLateTime = now.minus(Duration.ofHours(80));
        Instant futureTime = now.plus(Duration.ofHours(30));
        byte[] onTime = acmeEvent(1, now.minusSeconds(60));
        byte[] tooLate = acmeEvent(2, tooLateTime);
        byte[] future = acmeEvent(3, futureTime);
        send(kafka, acme, onTime, null);
        send(kafka, acme, tooLate, null);
        send(kafka, acme, future, null);

        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        PipelineConfig config = LakeHarness.config(kafka.bootstrapServers(), raw, 200_000, Duration.ofSeconds(1));
        try (LakeWriterPipeline pipeline = LakeHarness.start(config, List.of(LakeHarness.acme(acme)),
                iceberg.catalogName(), iceberg.catalogProperties(), namespace, metrics)) {
            awaitCounter(metrics, "sluice.pipeline.events.in", 3);
            assertThat(deadLetters(metrics)).isEqualTo(2);

            // A producer that sets the override header without the replay secret changes nothing.
            RecordHeaders forged = new RecordHeaders();
            forged.add(ReplaySignature.OVERRIDES_HEADER, "ACCEPT_TOO_LATE".getBytes(StandardCharsets.UTF_8));
            forged.add(ReplaySignature.SIGNATURE_HEADER, "ab".repeat(32).getBytes(StandardCharsets.UTF_8));
            send(kafka, acme, tooLate, forged);
            awaitCounter(metrics, "sluice.pipeline.events.in", 4);
            assertThat(deadLetters(metrics)).isEqualTo(3);
            assertThat(pipelineCounter(metrics, "refused")).isEqualTo(1);
            awaitDlqRecords(kafka, acme + ".dlq", 3);

            // The operator replays both reasons with both overrides: three dead letters go back.
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            DeadLetterReplay.Result result = DeadLetterReplay.run(new DeadLetterReplay.Options(kafka.bootstrapServers(),
                    acme + ".dlq", EnumSet.of(DeadLetterReason.TOO_LATE, DeadLetterReason.FUTURE_TIMESTAMP),
                    EnumSet.allOf(ReplayOverride.class), LakeHarness.REPLAY_SECRET, false, Duration.ofSeconds(60)),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(result.read()).isEqualTo(3);
            assertThat(result.replayed()).isEqualTo(3);
            assertThat(result.byReason()).isEqualTo(Map.of("TOO_LATE", 2L, "FUTURE_TIMESTAMP", 1L));
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("3 records sent back to their topics with overrides");

            awaitCounter(metrics, "sluice.pipeline.events.in", 7);
            assertThat(pipelineCounter(metrics, "accepted")).isEqualTo(3);
            assertThat(counter(metrics, "sluice.pipeline.duplicates")).isEqualTo(1);
            assertThat(deadLetters(metrics)).isEqualTo(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.loop().state() == LakeWriterLoop.State.RUNNING);
        }

        String events = "iceberg." + namespace + ".events";
        assertThat(trino.rows("SELECT event_id, lateness, CAST(date(event_timestamp AT TIME ZONE 'UTC') AS varchar) FROM "
                + events + " ORDER BY event_id")).containsExactly(
                "EVENT_00000001|ON_TIME|" + LocalDate.ofInstant(now.minusSeconds(60), ZoneOffset.UTC),
                "EVENT_00000002|TOO_LATE|" + LocalDate.ofInstant(tooLateTime, ZoneOffset.UTC),
                "EVENT_00000003|FUTURE|" + LocalDate.ofInstant(futureTime, ZoneOffset.UTC));
        assertThat(trino.rows("SELECT reason, count(*) FROM iceberg." + namespace + ".dead_letters GROUP BY 1 ORDER BY 1"))
                .as("the dead-letter table keeps what happened").containsExactly("FUTURE_TIMESTAMP|1", "TOO_LATE|2");
        long stored = Long.parseLong(trino.rows("SELECT count(*) FROM " + events).getFirst());
        assertThat(stored + (long) counter(metrics, "sluice.pipeline.duplicates") + deadLetters(metrics))
                .as("7 inputs: stored + duplicates + dead letters").isEqualTo(7);
    }

    private static byte[] acmeEvent(int n, Instant eventTime) {
        return TestJson.write(SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_id", String.format("EVENT_%08x", n))
                .put("event_timestamp", eventTime.toString())
                .build())).getBytes(StandardCharsets.UTF_8);
    }

    private static void send(KafkaEndpoint kafka, String topic, byte[] value, RecordHeaders headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, 0, System.currentTimeMillis(), null, value, headers)).get();
        }
    }

    private static void awaitCounter(SimpleMeterRegistry metrics, String name, long expected) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> counter(metrics, name) >= expected);
        assertThat(counter(metrics, name)).isEqualTo(expected);
    }

    private static void awaitDlqRecords(KafkaEndpoint kafka, String topic, long expected) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listOffsets(Map.of(tp,
                    org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp).get().offset() >= expected);
        }
    }

    private static long deadLetters(SimpleMeterRegistry metrics) {
        return (long) counter(metrics, "sluice.pipeline.dead.letters");
    }

    private static long pipelineCounter(SimpleMeterRegistry metrics, String outcome) {
        return (long) metrics.find("sluice.pipeline.replay.overrides").tag("outcome", outcome).functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static double counter(SimpleMeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
