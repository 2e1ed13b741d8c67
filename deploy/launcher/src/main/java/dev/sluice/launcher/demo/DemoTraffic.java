package dev.sluice.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo traffic of {@code ./sluice up}, at bounded rates and to loopback only.
 * <ul>
 *   <li>ACME video sessions (seed 002), flat JSON to Kafka topic {@code acme-telemetry}, keyed by
 *       {@code customer_id}: about {@value #ACME_PER_SECOND} events per second.</li>
 *   <li>Recommendation chains (seed 001) over HTTP to the collector: about
 *       {@value #RECSYS_CHAINS_PER_SECOND} chains per second, 5 to 7 events each.</li>
 *   <li>Generic envelopes (seed 000) from {@code payment-service} and {@code iot-gateway-west} over
 *       HTTP: about {@value #GENERIC_PER_SECOND} events per second each.</li>
 * </ul>
 * A small share is duplicated, late, too late, in the future, invalid or malformed (see
 * {@link Anomalies}). Counts go to {@code logs/demo.log} every 30 s.
 */
public final class DemoTraffic implements AutoCloseable {
    static final int ACME_PER_SECOND = 20;
    static final int RECSYS_CHAINS_PER_SECOND = 3;
    static final int GENERIC_PER_SECOND = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT = 256;

    private final KafkaProducer<String, byte[]> producer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI collector;
    private final String producerKey;
    private final PrintStream log;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong kafkaSent = new AtomicLong();
    private final AtomicLong kafkaFailed = new AtomicLong();
    private final AtomicLong httpSent = new AtomicLong();
    private final AtomicLong httpAccepted = new AtomicLong();
    private final AtomicLong httpRejected = new AtomicLong();
    private final AtomicLong httpFailedBatches = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;

    private DemoTraffic(String kafkaBootstrap, String collectorUrl, String producerKey, Path logDir) throws IOException {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.CLIENT_ID_CONFIG, "sluice-demo-acme",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new ByteArraySerializer());
        this.collector = URI.create(collectorUrl + "/v1/events");
        this.producerKey = producerKey;
        Files.createDirectories(logDir);
        this.log = new PrintStream(Files.newOutputStream(logDir.resolve("demo.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true, StandardCharsets.UTF_8);
    }

    public static DemoTraffic start(String kafkaBootstrap, String collectorUrl, String producerKey, Path logDir) {
        try {
            DemoTraffic traffic = new DemoTraffic(kafkaBootstrap, collectorUrl, producerKey, logDir);
            traffic.log.println(Instant.now() + " demo traffic started");
            traffic.spawn("sluice-demo-acme", traffic::acmeLoop);
            traffic.spawn("sluice-demo-http", traffic::httpLoop);
            traffic.spawn("sluice-demo-report", traffic::reportLoop);
            return traffic;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the demo log in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void spawn(String name, Runnable loop) {
        threads.add(Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                loop.run();
            } catch (RuntimeException e) {
                log.println(Instant.now() + " " + name + " stopped: " + e);
            }
        }));
    }

    private void acmeLoop() {
        SplittableRandom random = new SplittableRandom();
        AcmeSessions sessions = new AcmeSessions(random);
        List<ProducerRecord<String, byte[]>> recent = new ArrayList<>();
        long tickMillis = 1000 / 5;
        while (running) {
            Instant now = Instant.now();
            for (int i = 0; i < ACME_PER_SECOND / 5; i++) {
                Map<String, Object> event = sessions.next(now);
                String key = (String) event.get("customer_id");
                byte[] value = bytes(event);
                if (Anomalies.malformed(random)) {
                    value = Anomalies.cut(new String(value, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    malformed.incrementAndGet();
                }
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(platformAcmeTopic(), key, value);
                send(record);
                remember(recent, record);
                if (Anomalies.duplicate(random) && !recent.isEmpty()) {
                    ProducerRecord<String, byte[]> again = recent.get(random.nextInt(recent.size()));
                    send(new ProducerRecord<>(again.topic(), again.key(), again.value()));
                    duplicates.incrementAndGet();
                }
            }
            pause(tickMillis);
        }
    }

    private static String platformAcmeTopic() {
        return "acme-telemetry";
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    kafkaSent.incrementAndGet();
                } else {
                    kafkaFailed.incrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            kafkaFailed.incrementAndGet();
        }
    }

    private void httpLoop() {
        SplittableRandom random = new SplittableRandom();
        RecsysChains recsys = new RecsysChains(random);
        Envelopes generic = new Envelopes(random);
        List<String> recent = new ArrayList<>();
        while (running) {
            Instant now = Instant.now();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < RECSYS_CHAINS_PER_SECOND; i++) {
                recsys.next(now).forEach(event -> lines.add(json(event)));
            }
            for (int i = 0; i < GENERIC_PER_SECOND; i++) {
                lines.add(json(generic.payment(now)));
                lines.add(json(generic.iot(now)));
            }
            List<String> batch = new ArrayList<>();
            for (String line : lines) {
                if (Anomalies.malformed(random)) {
                    batch.add(Anomalies.cut(line));
                    malformed.incrementAndGet();
                } else {
                    batch.add(line);
                    remember(recent, line);
                }
                if (Anomalies.duplicate(random) && !recent.isEmpty()) {
                    batch.add(recent.get(random.nextInt(recent.size())));
                    duplicates.incrementAndGet();
                }
            }
            post(batch);
            pause(Math.max(0, 1000 - Duration.between(now, Instant.now()).toMillis()));
        }
    }

    private void post(List<String> batch) {
        HttpRequest request = HttpRequest.newBuilder(collector)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + producerKey)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", batch) + "\n"))
                .build();
        httpSent.addAndGet(batch.size());
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202 || response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                httpAccepted.addAndGet(body.path("accepted").asLong());
                httpRejected.addAndGet(body.path("rejected").asLong());
            } else {
                httpFailedBatches.incrementAndGet();
                log.println(Instant.now() + " collector answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
            }
        } catch (IOException e) {
            httpFailedBatches.incrementAndGet();
            log.println(Instant.now() + " collector unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void reportLoop() {
        while (running) {
            pause(30_000);
            log.printf("%s kafka acme-telemetry sent=%d failed=%d | http sent=%d accepted=%d rejected=%d failed-batches=%d | "
                            + "duplicates=%d malformed=%d%n", Instant.now(), kafkaSent.get(), kafkaFailed.get(), httpSent.get(),
                    httpAccepted.get(), httpRejected.get(), httpFailedBatches.get(), duplicates.get(), malformed.get());
        }
    }

    private static <T> void remember(List<T> recent, T item) {
        if (recent.size() >= RECENT) {
            recent.remove(0);
        }
        recent.add(item);
    }

    private static byte[] bytes(Map<String, Object> event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a demo event", e);
        }
    }

    private static String json(Map<String, Object> event) {
        return new String(bytes(event), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
        log.println(Instant.now() + " demo traffic stopped");
        log.close();
    }
}
