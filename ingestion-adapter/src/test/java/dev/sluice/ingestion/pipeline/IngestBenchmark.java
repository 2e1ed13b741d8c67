package dev.sluice.ingestion.pipeline;

import com.sun.management.OperatingSystemMXBean;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestJson;
import dev.sluice.localstack.Endpoints;
import dev.sluice.localstack.LocalStack;
import dev.sluice.localstack.LocalStackConfig;
import dev.sluice.localstack.Server;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./sluice bench ingest}: issue 5's benchmark on the local stack's real servers.
 * <ol>
 *   <li>Drain: pre-load N ACME events (default 2,000,000) into a 2-partition topic, then run the
 *       pipeline (validation, PII, dedup on) until the lake's positions reach the end; print
 *       events/s, CPU-seconds per event of this JVM during the drain, peak RSS, files written.</li>
 *   <li>Latency: produce at a steady rate (default 5,000 events/s for 30 s) with the pipeline
 *       running; an event is visible in Trino when the Iceberg snapshot whose offsets cover it is
 *       committed (Trino's Iceberg connector reads the current snapshot per query); print p50/p99
 *       of visible time minus the producer's acknowledged send time.</li>
 * </ol>
 * Run (exec:java cannot be used with {@code -am}: it would run in every upstream module):
 * <pre>
 * ./mvnw -B -q -Dsluice.target=target-pipeline -pl ingestion-adapter -am -DskipTests test-compile \
 *   dependency:build-classpath -Dmdep.outputFile=/tmp/pipe-cp.txt -Dmdep.includeScope=test
 * cd ingestion-adapter &amp;&amp; java -Xmx3g -XX:+UseParallelGC \
 *   -cp target-pipeline/test-classes:target-pipeline/classes:$(cat /tmp/pipe-cp.txt) \
 *   dev.sluice.ingestion.pipeline.IngestBenchmark 2000000 5000 30
 * </pre>
 * Arguments: events to drain, steady rate for the latency run (0 skips it), its duration in seconds.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        try (LocalStack stack = LocalStack.start(LocalStackConfig.builder()
                .servers(Server.KAFKA, Server.POSTGRES, Server.S3).build())) {
            Endpoints endpoints = stack.endpoints();
            drain(endpoints, events);
            if (rate > 0 && seconds > 0) {
                latency(endpoints, rate, seconds);
            }
        }
        System.exit(0);
    }

    private static void drain(Endpoints endpoints, int events) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String acme = "acme-telemetry.bench-" + id;
        String raw = "telemetry.events.raw.bench-" + id;
        String namespace = "bench_" + id;
        createTopics(endpoints, acme, raw);
        long t0 = System.nanoTime();
        produce(endpoints.kafka().bootstrapServers(), acme, events, 0, null);
        System.out.printf(Locale.ROOT, "pre-loaded %,d ACME events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        PipelineConfig config = LakeHarness.config(endpoints.kafka().bootstrapServers(), raw, 200_000, Duration.ofSeconds(5));
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (LakeWriterPipeline pipeline = LakeHarness.start(config, List.of(LakeHarness.acme(acme)),
                endpoints.iceberg().catalogName(), endpoints.iceberg().catalogProperties(), namespace, metrics)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (pipeline.loop().itemsCommitted() < events && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(20); // a benchmark's own poll, not a test wait
            }
            long elapsed = System.nanoTime() - start;
            long cpu = os.getProcessCpuTime() - cpu0;
            long drained = pipeline.loop().itemsCommitted();
            Table table = table(endpoints, namespace);
            long files = 0;
            long bytes = 0;
            for (Snapshot s : table.snapshots()) {
                files += Long.parseLong(s.summary().getOrDefault("added-data-files", "0"));
                bytes += Long.parseLong(s.summary().getOrDefault("added-files-size", "0"));
            }
            System.out.printf(Locale.ROOT, "drain: %,d events in %.2f s = %,.0f events/s%n", drained, elapsed / 1e9,
                    drained / (elapsed / 1e9));
            System.out.printf(Locale.ROOT, "drain: CPU %.1f s = %.2f us CPU per event (pipeline JVM, 2 cores)%n",
                    cpu / 1e9, cpu / 1e3 / drained);
            System.out.printf(Locale.ROOT, "drain: peak RSS of the pipeline JVM %s; batches %d%n", peakRss(),
                    pipeline.loop().batches());
            System.out.printf(Locale.ROOT, "drain: telemetry.events data files written %d, %.1f MB total, %.1f MB each%n",
                    files, bytes / 1e6, files == 0 ? 0 : bytes / 1e6 / files);
        }
    }

    private static void latency(Endpoints endpoints, int rate, int seconds) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String acme = "acme-telemetry.lat-" + id;
        String raw = "telemetry.events.raw.lat-" + id;
        String namespace = "lat_" + id;
        createTopics(endpoints, acme, raw);
        PipelineConfig config = LakeHarness.config(endpoints.kafka().bootstrapServers(), raw, 200_000, Duration.ofSeconds(5));
        int total = rate * seconds;
        long[][] sentAt = new long[2][total];
        try (LakeWriterPipeline pipeline = LakeHarness.start(config, List.of(LakeHarness.acme(acme)),
                endpoints.iceberg().catalogName(), endpoints.iceberg().catalogProperties(), namespace, null)) {
            produce(endpoints.kafka().bootstrapServers(), acme, total, rate, sentAt);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (pipeline.loop().itemsCommitted() < total && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            Table table = table(endpoints, namespace);
            List<Snapshot> snapshots = new ArrayList<>();
            table.snapshots().forEach(snapshots::add);
            snapshots.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
            List<Long> latencies = new ArrayList<>();
            long[] covered = new long[2];
            for (Snapshot s : snapshots) {
                String offsets = s.summary().get("sluice.offsets");
                if (offsets == null) {
                    continue;
                }
                for (int p = 0; p < 2; p++) {
                    long next = nextOffset(offsets, acme, p);
                    for (long o = covered[p]; o < Math.min(next, total); o++) {
                        if (sentAt[p][(int) o] > 0) {
                            latencies.add(s.timestampMillis() - sentAt[p][(int) o]);
                        }
                    }
                    covered[p] = Math.max(covered[p], next);
                }
            }
            Collections.sort(latencies);
            if (latencies.isEmpty()) {
                System.out.println("latency: no committed events");
                return;
            }
            System.out.printf(Locale.ROOT, "latency at %,d events/s for %d s: %,d events, event->visible p50 %.2f s, "
                            + "p99 %.2f s, max %.2f s%n", rate, seconds, latencies.size(),
                    latencies.get(latencies.size() / 2) / 1e3, latencies.get((int) (latencies.size() * 0.99)) / 1e3,
                    latencies.getLast() / 1e3);
        }
    }

    /** Reads {"topic":{"p":next}} without a JSON library. */
    private static long nextOffset(String json, String topic, int partition) {
        int t = json.indexOf("\"" + topic + "\"");
        if (t < 0) {
            return 0;
        }
        int p = json.indexOf("\"" + partition + "\"", t);
        if (p < 0) {
            return 0;
        }
        int colon = json.indexOf(':', p);
        int end = colon + 1;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(colon + 1, end).trim());
    }

    private static void createTopics(Endpoints endpoints, String acme, String raw) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(acme, 2, (short) 1), new NewTopic(raw, 1, (short) 1),
                    new NewTopic(acme + ".dlq", 1, (short) 1), new NewTopic(raw + ".dlq", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends {@code n} distinct ACME events; at {@code rate} per second when positive; records acked send times. */
    private static void produce(String bootstrap, String topic, int n, int rate, long[][] sentAt) throws Exception {
        String text = TestJson.write(SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_timestamp", Instant.now().minusSeconds(60).toString()).build()));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? 0 : 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                }
                byte[] value = text.replace("EVENT_a1b2c3d4", String.format("EVENT_%08x", i)).getBytes(StandardCharsets.UTF_8);
                long now = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(topic, i % 2, now, null, value), (md, e) -> {
                    if (e == null && sentAt != null && md.offset() < sentAt[md.partition()].length) {
                        sentAt[md.partition()][(int) md.offset()] = now;
                    }
                });
            }
            producer.flush();
        }
    }

    private static Table table(Endpoints endpoints, String namespace) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog(endpoints.iceberg().catalogName(),
                endpoints.iceberg().catalogProperties(), null);
        return catalog.loadTable(TableIdentifier.of(namespace, "events"));
    }

    private static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
