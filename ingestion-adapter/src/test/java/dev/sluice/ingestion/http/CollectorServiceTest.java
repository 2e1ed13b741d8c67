package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;
import dev.sluice.ingestion.RawTopicHeaders;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorServiceTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T10:15:30.123Z");
    private static final ApiKeys.Key ACME = new ApiKeys.Key("acme-prod", new byte[32], Set.of("acme"), null, null);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final CollectorConfig config = new CollectorConfig("telemetry.events.raw", 10 * 1024 * 1024,
            Duration.ofSeconds(7), Duration.ofSeconds(20), 16);
    private final CollectorService service = new CollectorService(new JsonItemParser(new ParseLimits(1024, 8)), publisher, config);

    private static String event(String id, String source) {
        return "{\"event_id\":\"" + id + "\",\"source\":\"" + source + "\",\"event_type\":\"start\"}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private IngestResponse ingest(String contentType, String body) {
        return service.ingest(ACME, contentType, utf8(body), "req-1", RECEIVED);
    }

    @Test
    void oneEventIsWrittenWithItsExactBytesKeyTimestampAndHeaders() {
        String body = event("e-1", "acme");

        IngestResponse response = ingest("application/json", body);

        assertThat(response.accepted()).isEqualTo(1);
        assertThat(response.rejected()).isZero();
        assertThat(response.requestId()).isEqualTo("req-1");
        assertThat(publisher.records).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(utf8(body));
            assertThat(r.key()).isEqualTo(utf8("e-1"));
            assertThat(r.timestampMillis()).isEqualTo(RECEIVED.toEpochMilli());
            assertThat(r.headers()).containsEntry(RawTopicHeaders.REQUEST_ID, "req-1")
                    .containsEntry(RawTopicHeaders.API_KEY_ID, "acme-prod")
                    .containsEntry(RawTopicHeaders.CONTENT_TYPE, "application/json")
                    .containsEntry(RawTopicHeaders.ITEM_INDEX, "0")
                    .doesNotContainKey(RawTopicHeaders.TRUNCATED);
        });
    }

    @Test
    void aBatchReportsPartialSuccessPerItemAndWritesEverythingItMustKeep() {
        String body = "[" + event("e-1", "acme") + ",{\"bad\": tru}," + event("e-3", "payments") + ",42,"
                + "{\"event_id\":\"e-5\"}," + event("e-6", "acme") + "]";

        IngestResponse response = ingest("application/json; charset=UTF-8", body);

        assertThat(response.accepted()).isEqualTo(2);
        assertThat(response.rejected()).isEqualTo(4);
        assertThat(response.partialSuccess().rejectedEvents()).isEqualTo(4);
        assertThat(response.partialSuccess().errors())
                .extracting(IngestResponse.ItemError::index, IngestResponse.ItemError::code,
                        IngestResponse.ItemError::keptAsDeadLetter)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "NOT_JSON", true),
                        org.assertj.core.groups.Tuple.tuple(2, "SOURCE_NOT_ALLOWED", false),
                        org.assertj.core.groups.Tuple.tuple(3, "INVALID_ENVELOPE", true),
                        org.assertj.core.groups.Tuple.tuple(4, "INVALID_ENVELOPE", true));
        assertThat(publisher.records).extracting(r -> r.headers().get(RawTopicHeaders.ITEM_INDEX))
                .containsExactly("0", "1", "3", "4", "5");
        assertThat(publisher.records).extracting(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("e-1", null, null, "e-5", "e-6");
        assertThat(publisher.records.get(1).value()).isEqualTo(utf8("{\"bad\": tru}"));
    }

    @Test
    void ndjsonLinesAreItems() {
        IngestResponse response = ingest("application/x-ndjson", event("a", "acme") + "\n\n" + event("b", "acme") + "\n");

        assertThat(response.accepted()).isEqualTo(2);
        assertThat(publisher.records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(event("a", "acme"), event("b", "acme"));
    }

    @Test
    void seed003SourceObjectsAreAuthorisedByTheirService() {
        IngestResponse response = ingest("application/json",
                "{\"event_id\":\"x\",\"source\":{\"service\":\"acme\",\"instance\":\"i-1\"}}");

        assertThat(response.accepted()).isEqualTo(1);
    }

    @Test
    void anOversizedItemTravelsAsATruncatedRecordWithItsSizeAndHash() {
        String big = "{\"event_id\":\"big\",\"source\":\"acme\",\"pad\":\"" + "x".repeat(2000) + "\"}";

        IngestResponse response = ingest("application/json", big);

        assertThat(response.accepted()).isZero();
        assertThat(response.partialSuccess().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("OVERSIZED");
            assertThat(e.keptAsDeadLetter()).isTrue();
        });
        assertThat(publisher.records).singleElement().satisfies(r -> {
            assertThat(r.key()).isNull();
            assertThat(r.value()).isEqualTo(java.util.Arrays.copyOf(utf8(big), 16));
            assertThat(r.headers()).containsEntry(RawTopicHeaders.TRUNCATED, "true")
                    .containsEntry(RawTopicHeaders.ORIGINAL_SIZE, Integer.toString(utf8(big).length))
                    .containsEntry(RawTopicHeaders.ORIGINAL_SHA256, CollectorService.sha256Hex(utf8(big)));
        });
    }

    @Test
    void aTooDeepItemIsKeptWhole() {
        String deep = "{\"a\":".repeat(8) + "{}" + "}".repeat(8);

        IngestResponse response = ingest("application/json", deep);

        assertThat(response.partialSuccess().errors()).extracting(IngestResponse.ItemError::code).containsExactly("TOO_DEEP");
        assertThat(publisher.records).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(utf8(deep)));
    }

    @Test
    void onlyForbiddenSourcesIsForbiddenAndWritesNothing() {
        assertThatThrownBy(() -> ingest("application/json", "[" + event("a", "payments") + "," + event("b", "zeta") + "]"))
                .isInstanceOfSatisfying(CollectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(IngestionErrorCode.SOURCE_NOT_ALLOWED);
                    assertThat(e.getMessage()).isEqualTo("API key 'acme-prod' may not send events of sources 'payments', 'zeta'");
                });
        assertThat(publisher.records).isEmpty();
    }

    @Test
    void kafkaFailureIsUnavailableWithRetryAfter() {
        publisher.failure = new RawEventPublisher.PublishFailedException("down", null);

        assertThatThrownBy(() -> ingest("application/json", event("a", "acme")))
                .isInstanceOfSatisfying(CollectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(IngestionErrorCode.KAFKA_UNAVAILABLE);
                    assertThat(e.retryAfterSeconds()).isEqualTo(7);
                });
    }

    @Test
    void emptyBodiesAreRefused() {
        for (String body : List.of("", "  \n", "[]")) {
            assertThatThrownBy(() -> ingest("application/json", body)).isInstanceOfSatisfying(CollectorException.class,
                    e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.EMPTY_BODY));
        }
    }

    @Test
    void onlyJsonAndNdjsonInUtf8AreAccepted() {
        for (String type : new String[] {null, "text/plain", "application/xml", "application/json; charset=ISO-8859-1",
                "multipart/form-data"}) {
            assertThatThrownBy(() -> CollectorService.formatOf(type)).isInstanceOfSatisfying(CollectorException.class,
                    e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.UNSUPPORTED_MEDIA_TYPE));
        }
        assertThat(CollectorService.formatOf("Application/JSON")).isEqualTo(dev.sluice.ingestion.parse.BodyFormat.JSON);
        assertThat(CollectorService.formatOf("application/x-ndjson;charset=\"utf-8\""))
                .isEqualTo(dev.sluice.ingestion.parse.BodyFormat.NDJSON);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        CollectorService small = new CollectorService(new JsonItemParser(ParseLimits.DEFAULTS), publisher,
                new CollectorConfig("raw", 10, Duration.ofSeconds(1), Duration.ofSeconds(1), 16));

        assertThatThrownBy(() -> small.ingest(ACME, "application/json", utf8(event("a", "acme")), "r", RECEIVED))
                .isInstanceOfSatisfying(CollectorException.class,
                        e -> assertThat(e.code()).isEqualTo(IngestionErrorCode.BODY_TOO_LARGE));
    }

    static final class RecordingPublisher implements RawEventPublisher {
        final List<RawRecord> records = new ArrayList<>();
        RuntimeException failure;

        @Override
        public void publishAll(List<RawRecord> batch) {
            if (failure != null) {
                throw failure;
            }
            records.addAll(batch);
        }
    }
}
