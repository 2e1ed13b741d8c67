package dev.sluice.deploy.ingestion;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestJson;
import dev.sluice.localstack.Endpoints;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's crash test on the deployable: the ingestion service itself ({@code IngestionApplication}
 * on this module's classpath, configured as {@code ./sluice up} configures it, with the registry's
 * database behind its SchemaCatalog) runs in a child JVM and is killed with SIGKILL at random
 * points, five times, while it drains 300,000 ACME events plus 1,500 exact duplicates from Kafka.
 * Each time it is started again. Meanwhile an HTTP producer posts 20,000 events to the service's
 * collector in batches of 100 and, like any producer, sends a batch again until it gets its 202,
 * across the kills. At the end the lake holds every event exactly once and no dead letter: what a
 * killed collector had acknowledged is there, and what a retry sent twice is a counted duplicate.
 * ingestion-adapter's {@code PipelineCrashTest} does the Kafka part to the pipeline alone, wired by
 * hand.
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.KAFKA, Server.POSTGRES, Server.S3, Server.TRINO})
class IngestionServiceCrashTest {

    private static final int EVENTS = 300_000;
    private static final int DUPLICATES = 1_500;
    private static final int KILLS = 5;
    private static final int HTTP_BATCHES = 200;
    private static final int HTTP_BATCH_SIZE = 100;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killingTheServiceAtRandomPointsLosesNothingAndDoublesNothing(Endpoints stack) throws Exception {
        ServiceTestStack run = ServiceTestStack.create(stack);
        run.prepareRegistryDatabase();
        preload(stack.kafka().bootstrapServers(), run.acme);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path")));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // every life of the service listens here
        }
        Map<String, String> properties = new java.util.LinkedHashMap<>(run.serviceProperties());
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        // A killed member's partitions move on after its session times out: 6 s here, instead of Kafka's 45 s.
        command.add("-Dsluice.ingestion.pipeline.consumer-properties.session.timeout.ms=6000");
        command.add("-Dsluice.ingestion.pipeline.consumer-properties.heartbeat.interval.ms=1000");
        command.add("dev.sluice.ingestion.IngestionApplication");
        Path log = Files.createTempFile("service-crash", ".log");
        Random random = new Random();
        List<Long> rowsAtKill = new ArrayList<>();
        Process child = null;
        HttpProducer producer = new HttpProducer(URI.create("http://127.0.0.1:" + port + "/v1/events"));
        Thread sender = Thread.ofPlatform().name("crash-test-http-producer").start(producer);
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                long startsBefore = startsLogged(log);
                child = start(command, log);
                Process running = child;
                long before = rows(run);
                // Kill at a random point: every other life after it committed something, the others within 2 s
                // after their start-up completed (before or after their partitions are claimed, maybe mid-batch).
                if (kill % 2 == 0) {
                    awaitUntil(120, () -> !running.isAlive() || rows(run) > before);
                } else {
                    awaitUntil(120, () -> !running.isAlive() || startsLogged(log) > startsBefore);
                }
                Thread.sleep(random.nextInt(kill % 2 == 0 ? 1_500 : 2_000));
                assertThat(child.isAlive()).as("the service is alive before kill %d; log %s", kill, log).isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                rowsAtKill.add(rows(run));
            }
            child = start(command, log);
            sender.join(TimeUnit.MINUTES.toMillis(4));
            assertThat(sender.isAlive()).as("the HTTP producer finished; log %s", log).isFalse();
            assertThat(producer.failure).as("the HTTP producer's failure").isNull();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (rows(run) < EVENTS + HTTP_BATCHES * HTTP_BATCH_SIZE) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The restarted service did not store every event within 4 minutes; "
                            + diagnose(child, log, run));
                }
                Thread.sleep(1_000);
            }
        } finally {
            producer.stop = true;
            if (child != null) {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
        System.out.println("service crash test: rows in the lake at each kill: " + rowsAtKill + "; HTTP batches sent "
                + producer.attempts + " times for " + HTTP_BATCHES + " batches (" + producer.refused + " refused, "
                + producer.cutOff + " cut off by a kill, " + producer.unavailable + " answered 503 or 429); service log " + log);
        assertThat(rowsAtKill).hasSize(KILLS);
        assertThat(rowsAtKill.getLast()).as("the kills happened during the run").isLessThan(EVENTS);
        int httpEvents = HTTP_BATCHES * HTTP_BATCH_SIZE;
        assertThat(run.scalar("SELECT count(*) FROM " + run.table("events"))).isEqualTo(EVENTS + httpEvents);
        assertThat(run.scalar("SELECT count(DISTINCT event_id) FROM " + run.table("events"))).isEqualTo(EVENTS + httpEvents);
        assertThat(run.scalar("SELECT count(*) FROM " + run.table("acme_telemetry"))).isEqualTo(EVENTS);
        assertThat(run.scalar("SELECT count(*) FROM " + run.table("dead_letters"))).isZero();
        assertThat(run.rows("SELECT source, subject, CAST(schema_version AS varchar), count(*) FROM " + run.table("events")
                + " GROUP BY 1, 2, 3 ORDER BY 1"))
                .as("every ACME event validated against the registry's built-in schema; the HTTP events have no schema")
                .containsExactly("acme-telemetry|acme-telemetry|1|" + EVENTS, "crash-http|crash-http.log|0|" + httpEvents);
    }

    /**
     * Posts {@link #HTTP_BATCHES} NDJSON batches of distinct envelopes, one at a time; a batch that is
     * not answered 202 (the service is down, or was killed mid-request) is sent again after 200 ms.
     */
    private static final class HttpProducer implements Runnable {
        private final URI uri;
        volatile boolean stop;
        volatile Throwable failure;
        volatile int attempts;
        volatile int refused;
        volatile int cutOff;
        volatile int unavailable;

        HttpProducer(URI uri) {
            this.uri = uri;
        }

        @Override
        public void run() {
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
                for (int b = 0; b < HTTP_BATCHES && !stop; b++) {
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < HTTP_BATCH_SIZE; i++) {
                        body.append("{\"event_id\":\"http-").append(b).append('-').append(i)
                                .append("\",\"source\":\"crash-http\",\"event_type\":\"log\",\"event_timestamp\":\"")
                                .append(Instant.now().minusSeconds(5)).append("\",\"payload\":{\"batch\":").append(b)
                                .append(",\"item\":").append(i).append("},\"metadata\":{\"host\":\"h1\",\"env\":\"test\",\"service\":\"crash\"}}\n");
                    }
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-ndjson")
                            .header("Authorization", "Bearer " + ServiceTestStack.KEY_ID + "." + ServiceTestStack.SECRET)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                    while (!stop) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("batch " + b + " was not accepted within 4 minutes");
                        }
                        attempts++;
                        int status;
                        try {
                            status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (java.net.ConnectException e) {
                            status = -1; // the service is down
                            refused++;
                        } catch (java.io.IOException e) {
                            status = -2; // a kill cut the request off: some of its events may be in Kafka already
                            cutOff++;
                        }
                        if (status == 202) {
                            break;
                        }
                        if (status == 503 || status == 429) {
                            unavailable++;
                        } else if (status >= 0) {
                            throw new AssertionError("batch " + b + " got HTTP " + status);
                        }
                        Thread.sleep(200);
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private static Process start(List<String> command, Path log) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Polls every 200 ms, at most {@code seconds}; fails the test when the condition never holds. */
    private static void awaitUntil(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition held within %d s", seconds).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void preload(String bootstrap, String topic) throws Exception {
        String text = TestJson.write(SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_timestamp", Instant.now().minusSeconds(60).toString()).build()));
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < EVENTS + DUPLICATES; i++) {
                int n = i < EVENTS ? i : (i - EVENTS) * 197;
                byte[] value = text.replace("EVENT_a1b2c3d4", String.format("EVENT_%08x", n)).getBytes(StandardCharsets.UTF_8);
                byte[] key = String.format("CUST_%08x", n % 5000).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, null, now, key, value));
            }
            producer.flush();
        }
    }

    /** The lake's counts, dead letters and last positions, and the service's threads (appended to its log). */
    private static String diagnose(Process child, Path log, ServiceTestStack run) {
        StringBuilder b = new StringBuilder();
        for (String sql : List.of(
                "SELECT source, count(*), count(DISTINCT event_id) FROM " + run.table("events") + " GROUP BY 1",
                "SELECT reason, count(*) FROM " + run.table("dead_letters") + " GROUP BY 1",
                "SELECT kafka_topic, kafka_partition, count(*), max(kafka_offset) FROM " + run.table("events") + " GROUP BY 1, 2",
                "SELECT CAST(summary AS json) FROM " + run.table("\"events$snapshots\"") + " ORDER BY committed_at DESC LIMIT 1")) {
            try {
                b.append("\n  ").append(sql).append(" -> ").append(run.rows(sql));
            } catch (Exception e) {
                b.append("\n  ").append(sql).append(" -> ").append(e);
            }
        }
        if (child != null && child.isAlive()) {
            try {
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(child.pid()),
                        "Thread.print").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start().waitFor(30, TimeUnit.SECONDS);
                b.append("\n  the service's threads are at the end of ").append(log);
            } catch (Exception e) {
                b.append("\n  no thread dump: ").append(e);
            }
        }
        return b.toString();
    }

    /** How many lives of the service logged that their start-up completed. */
    private static long startsLogged(Path log) {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Startup completed")).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

        /** Rows in the events table; 0 before the service's first start created it. */
    private static long rows(ServiceTestStack run) {
        try {
            return run.scalar("SELECT count(*) FROM " + run.table("events"));
        } catch (Exception e) {
            return 0;
        }
    }
}
