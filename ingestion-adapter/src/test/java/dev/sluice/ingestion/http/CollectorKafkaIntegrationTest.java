package dev.sluice.ingestion.http;

import dev.sluice.ingestion.RawTopicHeaders;
import dev.sluice.localstack.Endpoints.KafkaEndpoint;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector against a real Kafka broker: a 202 means the records are in the raw topic, with
 * the exact bytes, keys, timestamps and headers.
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers(Server.KAFKA)
class CollectorKafkaIntegrationTest {

    static final String SECRET = "kafka-it-secret-0123456";
    static final String SHA = HexFormat.of().formatHex(ApiKeys.sha256(SECRET));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static String topic;
    static String bootstrap;
    static EmbeddedServer server;

    @BeforeAll
    static void start(KafkaEndpoint kafka) throws Exception {
        bootstrap = kafka.bootstrapServers();
        topic = "telemetry.events.raw.it-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // The raw topic must hold a 1 MiB event plus headers: max.message.bytes 2 MiB (ADR).
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "2097152")))).all().get(30, TimeUnit.SECONDS);
        }
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "sluice.collector.raw-topic", topic,
                "sluice.collector.kafka.bootstrap-servers", bootstrap,
                "sluice.collector.api-keys.acme.sha256", SHA,
                "sluice.collector.api-keys.acme.sources", "acme"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Reply(int code, String body) {
    }

    static Reply post(String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/events"))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer acme." + SECRET)
                .header("X-Request-Id", "it-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The next offset of the raw topic's only partition: where this test's records will start. */
    static long endOffset() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }

    /** Exactly the records from {@code from} on, waiting until {@code expected} have arrived. */
    static List<ConsumerRecord<byte[], byte[]>> readFrom(long from, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            records.addAll(consumer.poll(Duration.ofMillis(500)).records(tp));
        }
        return records;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void acceptedItemsAreInKafkaWithExactBytesKeysTimestampsAndHeadersBeforeThe202() {
        String e1 = "{\"event_id\":\"evt-1\",\"source\":\"acme\",\"event_type\":\"start\",\"n\": 1.50}";
        String bad = "{\"event_id\":\"evt-2\", oops}";
        String forbidden = "{\"event_id\":\"evt-3\",\"source\":\"payments\"}";
        String e4 = "{ \"source\" : \"acme\" , \"event_id\" : \"evt-4\" }";
        String oversized = "{\"event_id\":\"evt-5\",\"source\":\"acme\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        long start = endOffset();
        byte[] body = ("[" + e1 + ",\n" + bad + "," + forbidden + "," + e4 + "," + oversized + "]")
                .getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now();

        Reply reply = post("application/json", body);

        Instant after = Instant.now();
        assertThat(reply.code()).isEqualTo(202);
        assertThat(reply.body()).contains("\"accepted\":2", "\"rejected\":3",
                "{\"index\":1,\"code\":\"NOT_JSON\"", "{\"index\":2,\"code\":\"SOURCE_NOT_ALLOWED\"",
                "{\"index\":4,\"code\":\"OVERSIZED\"");

        List<ConsumerRecord<byte[], byte[]>> records = readFrom(start, 4);
        assertThat(records).hasSize(4);
        assertThat(records).extracting(r -> text(r.key())).containsExactly("evt-1", null, "evt-4", null);
        assertThat(text(records.get(0).value())).isEqualTo(e1);
        assertThat(text(records.get(1).value())).isEqualTo(bad);
        assertThat(text(records.get(2).value())).isEqualTo(e4);
        assertThat(records).extracting(ConsumerRecord::timestamp).containsOnly(records.getFirst().timestamp());
        assertThat(records.getFirst().timestamp()).isBetween(before.toEpochMilli(), after.toEpochMilli());
        assertThat(records).extracting(r -> header(r, RawTopicHeaders.ITEM_INDEX)).containsExactly("0", "1", "3", "4");
        assertThat(records).extracting(r -> header(r, RawTopicHeaders.API_KEY_ID)).containsOnly("acme");
        assertThat(records).extracting(r -> header(r, RawTopicHeaders.CONTENT_TYPE)).containsOnly("application/json");
        ConsumerRecord<byte[], byte[]> truncated = records.get(3);
        byte[] oversizedBytes = oversized.getBytes(StandardCharsets.UTF_8);
        assertThat(truncated.value()).isEqualTo(Arrays.copyOf(oversizedBytes, 65536));
        assertThat(header(truncated, RawTopicHeaders.TRUNCATED)).isEqualTo("true");
        assertThat(header(truncated, RawTopicHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(oversizedBytes.length));
        assertThat(header(truncated, RawTopicHeaders.ORIGINAL_SHA256)).isEqualTo(CollectorService.sha256Hex(oversizedBytes));

        // An NDJSON request afterwards: its lines follow, each exactly as sent.
        String n1 = "{\"event_id\":\"nd-1\",\"source\":\"acme\"}";
        String n2 = "{\"event_id\":\"nd-2\",\"source\":\"acme\",\"deep\":" + "[".repeat(70) + "]".repeat(70) + "}";
        Reply ndjson = post("application/x-ndjson", (n1 + "\r\n\n" + n2 + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(ndjson.code()).isEqualTo(202);
        assertThat(ndjson.body()).contains("\"accepted\":1", "\"rejected\":1", "{\"index\":1,\"code\":\"TOO_DEEP\"");
        List<ConsumerRecord<byte[], byte[]>> all = readFrom(start, 6);
        assertThat(all).hasSize(6);
        assertThat(text(all.get(4).value())).isEqualTo(n1);
        assertThat(text(all.get(4).key())).isEqualTo("nd-1");
        assertThat(text(all.get(5).value())).isEqualTo(n2);
        assertThat(text(all.get(5).key())).isNull();
        assertThat(header(all.get(5), RawTopicHeaders.CONTENT_TYPE)).isEqualTo("application/x-ndjson");
    }

    @Test
    void anEventAtTheOneMebibyteLimitTravelsWhole() {
        String head = "{\"event_id\":\"max\",\"source\":\"acme\",\"pad\":\"";
        String event = head + "y".repeat(1024 * 1024 - head.length() - 2) + "\"}";
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(1024 * 1024);
        long start = endOffset();

        Reply reply = post("application/json", bytes);

        assertThat(reply.code()).isEqualTo(202);
        assertThat(reply.body()).contains("\"accepted\":1", "\"rejected\":0");
        List<ConsumerRecord<byte[], byte[]>> records = readFrom(start, 1);
        assertThat(records).hasSize(1);
        assertThat(text(records.getFirst().key())).isEqualTo("max");
        assertThat(records.getFirst().value()).isEqualTo(bytes);
        assertThat(header(records.getFirst(), RawTopicHeaders.TRUNCATED)).isNull();
    }
}
