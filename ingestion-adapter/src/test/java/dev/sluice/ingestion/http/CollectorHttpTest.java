package dev.sluice.ingestion.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector over real HTTP, with its Kafka producer pointed at a closed loopback port: every
 * refusal that happens before Kafka, and the 503 when Kafka never answers.
 */
class CollectorHttpTest {

    static final String SECRET = "http-test-secret-0123";
    static final String SHA = HexFormat.of().formatHex(ApiKeys.sha256(SECRET));

    static EmbeddedServer server;

    @BeforeAll
    static void start() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        server = ApplicationContext.run(EmbeddedServer.class, Map.ofEntries(
                Map.entry("micronaut.server.port", -1),
                Map.entry("sluice.collector.max-body-bytes", 4096),
                Map.entry("sluice.collector.retry-after", "9s"),
                Map.entry("sluice.collector.kafka.bootstrap-servers", "127.0.0.1:" + closedPort),
                Map.entry("sluice.collector.kafka.max-block", "1s"),
                Map.entry("sluice.collector.kafka.request-timeout", "1s"),
                Map.entry("sluice.collector.kafka.delivery-timeout", "2s"),
                Map.entry("sluice.collector.api-keys.acme.sha256", SHA),
                Map.entry("sluice.collector.api-keys.acme.sources", "acme"),
                Map.entry("sluice.collector.api-keys.limited.sha256", SHA),
                Map.entry("sluice.collector.api-keys.limited.sources", "nothing-useful"),
                Map.entry("sluice.collector.api-keys.limited.requests-per-second", "0.01"),
                Map.entry("sluice.collector.api-keys.limited.burst", "2")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A response as the JDK's client sees it; problem bodies included. */
    record Reply(int code, String body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    static final java.net.http.HttpClient JDK_CLIENT = java.net.http.HttpClient.newHttpClient();

    static Reply send(String key, String contentType, String body) {
        var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL() + "/v1/events"))
                .header("X-Request-Id", "req-42")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        try {
            var response = JDK_CLIENT.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String EVENT = "{\"event_id\":\"e1\",\"source\":\"acme\",\"event_type\":\"start\"}";

    static void assertProblem(Reply response, int status, String code) {
        assertThat(response.code()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status);
    }

    @Test
    void missingKeyIs401MissingApiKey() {
        Reply response = send(null, MediaType.APPLICATION_JSON, EVENT);

        assertProblem(response, 401, "MISSING_API_KEY");
        assertThat(response.body()).contains("\"request_id\":\"req-42\"");
    }

    @Test
    void malformedKeyIs401MalformedApiKey() {
        assertProblem(send("no-dot-here", MediaType.APPLICATION_JSON, EVENT), 401, "MALFORMED_API_KEY");
    }

    @Test
    void unknownKeyIs401UnknownApiKey() {
        assertProblem(send("stranger." + SECRET, MediaType.APPLICATION_JSON, EVENT), 401, "UNKNOWN_API_KEY");
        assertProblem(send("acme.wrong-secret-but-long", MediaType.APPLICATION_JSON, EVENT), 401, "UNKNOWN_API_KEY");
    }

    @Test
    void aSourceTheKeyMayNotSendIs403() {
        String other = "{\"event_id\":\"e1\",\"source\":\"payments\",\"event_type\":\"start\"}";

        Reply response = send("acme." + SECRET, MediaType.APPLICATION_JSON, other);

        assertProblem(response, 403, "SOURCE_NOT_ALLOWED");
        assertThat(response.body()).contains("may not send events of source 'payments'");
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(send("acme." + SECRET, MediaType.TEXT_PLAIN, EVENT), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(send("acme." + SECRET, "application/xml", "<e/>"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "[" + (EVENT + ",").repeat(100) + EVENT + "]";

        Reply response = send("acme." + SECRET, MediaType.APPLICATION_JSON, big);

        assertProblem(response, 413, "BODY_TOO_LARGE");
    }

    @Test
    void anEmptyBodyIs400() {
        assertProblem(send("acme." + SECRET, MediaType.APPLICATION_JSON, "[]"), 400, "EMPTY_BODY");
    }

    @Test
    void overTheKeysRateIs429WithRetryAfter() {
        String body = "{\"event_id\":\"e1\",\"source\":\"acme\"}";
        assertProblem(send("limited." + SECRET, MediaType.APPLICATION_JSON, body), 403, "SOURCE_NOT_ALLOWED");
        assertProblem(send("limited." + SECRET, MediaType.APPLICATION_JSON, body), 403, "SOURCE_NOT_ALLOWED");

        Reply limited = send("limited." + SECRET, MediaType.APPLICATION_JSON, body);

        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 100L);
    }

    @Test
    void kafkaUnreachableIs503WithRetryAfterNeverASilentLoss() {
        Reply response = send("acme." + SECRET, MediaType.APPLICATION_JSON, EVENT);

        assertProblem(response, 503, "KAFKA_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isEqualTo("9");
        assertThat(response.header("X-Request-Id")).isEqualTo("req-42");
    }

    @Test
    void healthLivenessReadinessAndPrometheusAreServed() throws Exception {
        for (String path : new String[] {"/health/liveness", "/health/readiness"}) {
            var response = JDK_CLIENT.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.getURL() + path)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
        send(null, MediaType.APPLICATION_JSON, EVENT);
        var metrics = JDK_CLIENT.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.getURL() + "/prometheus")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("sluice_collector_requests_total{code=\"MISSING_API_KEY\"}");
    }
}
