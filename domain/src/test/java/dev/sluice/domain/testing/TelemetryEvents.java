package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.model.envelope.EnvelopeMapping;
import dev.sluice.domain.model.envelope.EnvelopeV1Mapping;
import dev.sluice.domain.model.envelope.SourceMapping;
import dev.sluice.domain.model.envelope.ValueRef;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.payload.ObjectValue;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shared factories of test events: seed 002's ACME records on {@code acme-telemetry}, envelope v1
 * documents (seed 000) and incoming items built from them.
 */
public final class TelemetryEvents {

    /** Seed 002's topic of flat ACME events. */
    public static final String ACME_TOPIC = "acme-telemetry";
    /** The raw topic of envelope v1 events (issue 5). */
    public static final String RAW_TOPIC = "telemetry.events.raw";

    /** The instant of seed 002's sample record. */
    public static final Instant ACME_SAMPLE_TIME = Instant.parse("2025-08-11T14:30:45.123Z");

    /**
     * The mapping of seed 002's ACME records: source {@code acme-telemetry} (the topic's name), event
     * type from the record's own {@code event_type} (start, stop, pause, resume, complete), so events
     * resolve {@code acme-telemetry.start} first and then the source-wide subject
     * {@code acme-telemetry}; id and time from their fields; metadata from constants and one field.
     */
    public static final SourceMapping ACME_MAPPING = SourceMapping.of(ACME_TOPIC, "event_id", "event_timestamp",
            ValueRef.field("event_type"), orderedMap(
                    "host", ValueRef.constant(ACME_TOPIC),
                    "env", ValueRef.constant("prod"),
                    "service", ValueRef.constant("acme-video-player"),
                    "app_version", ValueRef.field("app_version")));

    private TelemetryEvents() {
    }

    /** Seed 002's sample record: a {@code start} event, {@code EVENT_a1b2c3d4}. */
    public static ObjectValue anAcmeStart() {
        return SeedSchemas.acmeSampleRecord();
    }

    /** Seed 002's sample record with another id and event time. */
    public static ObjectValue anAcmeStart(String eventId, Instant eventTime) {
        return SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_id", eventId)
                .put("event_timestamp", DateTimeFormatter.ISO_INSTANT.format(eventTime))
                .build());
    }

    /** Seed 002's sample record with some members replaced. */
    public static ObjectValue anAcmeRecordWith(ObjectValue overrides) {
        return SeedSchemas.acmeSampleWith(overrides);
    }

    /** An envelope v1 document of an {@code error} event of {@code payment-service}. */
    public static ObjectValue anEnvelopeEvent() {
        return anEnvelopeEvent("6f1c2a9e-0d4b-4c55-9a51-3f0e8b1d7c42", "payment-service", "error",
                Instant.parse("2025-08-11T14:30:45.123Z"),
                ObjectValue.builder().put("code", "E42").put("message", "card declined").put("attempt", 2L).build());
    }

    /** An envelope v1 document with metadata host {@code pay-1}, env {@code prod}, service = source. */
    public static ObjectValue anEnvelopeEvent(String eventId, String source, String eventType, Instant eventTime,
                                              ObjectValue payload) {
        return ObjectValue.builder()
                .put("event_id", eventId)
                .put("source", source)
                .put("event_type", eventType)
                .put("event_timestamp", DateTimeFormatter.ISO_INSTANT.format(eventTime))
                .put("payload", payload)
                .put("metadata", ObjectValue.builder().put("host", "pay-1").put("env", "prod")
                        .put("service", source).put("region", "eu-west-1").build())
                .build();
    }

    /** An ACME record as it arrives from {@code acme-telemetry}: parsed, with its bytes. */
    public static IncomingEvent.Parsed fromAcmeTopic(ObjectValue record, int partition, long offset, Instant ingestTime) {
        return incoming(record, new KafkaCoordinates(ACME_TOPIC, partition, offset), ingestTime, ACME_MAPPING);
    }

    /** An envelope v1 document as it arrives from the raw topic. */
    public static IncomingEvent.Parsed fromRawTopic(ObjectValue document, int partition, long offset, Instant ingestTime) {
        return incoming(document, new KafkaCoordinates(RAW_TOPIC, partition, offset), ingestTime, EnvelopeV1Mapping.STRICT);
    }

    public static IncomingEvent.Parsed incoming(ObjectValue value, KafkaCoordinates channel, Instant ingestTime,
                                                EnvelopeMapping mapping) {
        return IncomingEvent.parsed(value, TestJson.bytes(value), channel, ingestTime, mapping);
    }

    /** Bytes that are not JSON, as the adapter reports them. */
    public static IncomingEvent.Unparseable notJson(String topic, int partition, long offset, Instant ingestTime) {
        return IncomingEvent.unparseable(DeadLetterReason.NOT_JSON, "Unexpected character ('x') at line 1, column 2",
                RawBytes.utf8("{x"), new KafkaCoordinates(topic, partition, offset), ingestTime);
    }

    private static Map<String, ValueRef> orderedMap(Object... keyValues) {
        Map<String, ValueRef> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], (ValueRef) keyValues[i + 1]);
        }
        return map;
    }
}
