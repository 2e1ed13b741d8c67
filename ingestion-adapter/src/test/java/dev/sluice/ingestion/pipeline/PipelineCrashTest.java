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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's crash test: the pipeline runs in a child JVM and is killed with SIGKILL at random
 * points, at least five times, while it drains 400,000 ACME events (plus 2,000 exact duplicates);
 * each time it is restarted. At the end the lake holds every event exactly once. The run is twice
 * the 200,000 events and the waits before a kill are short, so that even a fast pipeline is
 * still draining at the fifth kill: with 200,000 events and waits of 0.5–3.5 s, a faster pipeline
 * (2026-12-05) drained all of them before it (one life drained 97,400).
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.KAFKA, Server.POSTGRES, Server.S3, Server.TRINO})
class PipelineCrashTest {

    private static final int EVENTS = 400_000;
    private static final int DUPLICATES = 2_000;
    private static final int KILLS = 5;

    @Test
    void killingThePipelineAtRandomPointsLosesNothingAndDoublesNothing(KafkaEndpoint kafka, IcebergEndpoint iceberg,
                                                                       TrinoEndpoint trino) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String acme = "acme-telemetry.crash-" + id;
        String raw = "telemetry.events.raw.crash-" + id;
        String namespace = "crash_" + id;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(acme, 2, (short) 1), new NewTopic(raw, 1, (short) 1),
                    new NewTopic(acme + ".dlq", 1, (short) 1), new NewTopic(raw + ".dlq", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        preload(kafka.bootstrapServers(), acme);

        Path catalogFile = Files.createTempFile("crash-catalog", ".properties");
        Properties p = new Properties();
        p.putAll(iceberg.catalogProperties());
        try (FileOutputStream out = new FileOutputStream(catalogFile.toFile())) {
            p.store(out, "catalog");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), kafka.bootstrapServers(), acme, raw, iceberg.catalogName(), namespace,
                catalogFile.toString());
        Path log = Files.createTempFile("crash-child", ".log");
        Random random = new Random();
        List<Long> rowsAtKill = new ArrayList<>();
        Process child = null;
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                child = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                Process running = child;
                long before = rows(trino, namespace);
                // Kill at a random point after the child made progress (or, sometimes, before it could).
                if (kill % 2 == 0) {
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                            .until(() -> !running.isAlive() || rows(trino, namespace) > before);
                }
                long waitMillis = kill % 2 == 0 ? random.nextInt(1_500) : 500 + random.nextInt(2_000);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> System.nanoTime() >= until);
                assertThat(child.isAlive()).as("child alive before kill %d; log %s", kill, log).isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                rowsAtKill.add(rows(trino, namespace));
            }
            child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (rows(trino, namespace) < EVENTS) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The restarted pipeline did not store all " + EVENTS + " events within 4 minutes; "
                            + diagnose(child, log, trino, namespace));
                }
                TimeUnit.SECONDS.sleep(1);
            }
        } finally {
            if (child != null) {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
        System.out.println("crash test: rows in the lake at each kill: " + rowsAtKill + "; child log " + log);
        assertThat(rowsAtKill).hasSize(KILLS);
        assertThat(rowsAtKill.getLast()).as("the kills happened during the run").isLessThan(EVENTS);
        assertThat(trino.scalar("SELECT count(*) FROM iceberg." + namespace + ".events")).isEqualTo(EVENTS);
        assertThat(trino.scalar("SELECT count(DISTINCT event_id) FROM iceberg." + namespace + ".events")).isEqualTo(EVENTS);
        assertThat(trino.scalar("SELECT count(*) FROM iceberg." + namespace + ".dead_letters")).isZero();
    }

    /**
     * What a stalled run leaves to look at: the lake's counts, its dead letters by reason and its last
     * snapshot's summary (the committed positions), and the child's threads (appended to its log).
     */
    private static String diagnose(Process child, Path log, TrinoEndpoint trino, String namespace) {
        StringBuilder b = new StringBuilder();
        for (String sql : List.of(
                "SELECT count(*), count(DISTINCT event_id) FROM iceberg." + namespace + ".events",
                "SELECT reason, count(*) FROM iceberg." + namespace + ".dead_letters GROUP BY 1",
                "SELECT kafka_partition, count(*), min(kafka_offset), max(kafka_offset) FROM iceberg." + namespace + ".events GROUP BY 1",
                "SELECT CAST(summary AS json) FROM iceberg." + namespace + ".\"events$snapshots\" ORDER BY committed_at DESC LIMIT 1")) {
            b.append("\n  ").append(sql).append(" -> ");
            try {
                b.append(trino.rows(sql));
            } catch (Exception e) {
                b.append(e);
            }
        }
        if (child != null && child.isAlive()) {
            try {
                ThreadDump.appendTo(child.pid(), log);
                b.append("\n  the child's threads are at the end of ").append(log);
            } catch (Exception e) {
                b.append("\n  no thread dump: ").append(e);
            }
        } else {
            b.append("\n  the child is not alive; its log: ").append(log);
        }
        return b.toString();
    }

    private static void preload(String bootstrap, String topic) throws Exception {
        byte[] template = TestJson.write(SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_timestamp", Instant.now().minusSeconds(60).toString()).build())).getBytes(StandardCharsets.UTF_8);
        String text = new String(template, StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < EVENTS + DUPLICATES; i++) {
                int n = i < EVENTS ? i : (i - EVENTS) * 97;
                byte[] value = text.replace("EVENT_a1b2c3d4", String.format("EVENT_%08x", n)).getBytes(StandardCharsets.UTF_8);
                byte[] key = String.format("CUST_%08x", n % 5000).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, null, now, key, value));
            }
            producer.flush();
        }
    }

    private static long rows(TrinoEndpoint trino, String namespace) {
        try {
            return trino.scalar("SELECT count(*) FROM iceberg." + namespace + ".events");
        } catch (Exception e) {
            return 0; // the table does not exist before the first start
        }
    }

}
