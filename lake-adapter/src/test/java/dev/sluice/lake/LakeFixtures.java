package dev.sluice.lake;

import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.Metadata;
import dev.sluice.domain.model.ingest.ChannelCoordinates;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.SeedSchemas;

import java.time.Instant;
import java.util.Map;

/** Stored events for the lake's tests. */
final class LakeFixtures {

    static final String RAW = "telemetry.events.raw";

    private LakeFixtures() {
    }

    /** An ACME event as the pipeline stores it: validated by acme.video v1, from {@code RAW}-{@code partition}@{@code offset}. */
    static StoredEvent acme(String eventId, String eventType, Instant eventTime, Instant ingestTime, int partition,
                            long offset, Lateness lateness) {
        ObjectValue payload = SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_id", eventId)
                .put("event_type", eventType)
                .put("event_timestamp", eventTime.toString())
                .build());
        return stored(eventId, eventType, eventTime, ingestTime, payload, SeedSchemas.acmeVideo(),
                new KafkaCoordinates(RAW, partition, offset), lateness);
    }

    static StoredEvent stored(String eventId, String eventType, Instant eventTime, Instant ingestTime,
                              ObjectValue payload, SchemaVersion schema, ChannelCoordinates channel, Lateness lateness) {
        String source = schema.subject().source();
        EventEnvelope envelope = new EventEnvelope(eventId, source, eventType, eventTime, ingestTime, payload,
                new Metadata("host-1", "prod", "player", Map.of("region", "eu-west-1")), "1.0.0", "corr-" + eventId,
                "org-7");
        return new StoredEvent(envelope, schema.subject(), schema.version(), 100 + schema.version(), lateness,
                "pii-key-2026-11", EventKey.of(source, eventId), new ContentFingerprint(eventId.hashCode()), channel);
    }

    static ObjectValue payloadWith(String name, String value) {
        return ObjectValue.builder().put(name, new StringValue(value)).build();
    }
}
