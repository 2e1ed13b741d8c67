package dev.sluice.domain.model.envelope;

import dev.sluice.domain.model.error.ConfigurationException;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.testing.TelemetryEvents;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeMapperTest {

    private static final Instant INGEST = Instant.parse("2025-08-11T14:31:00Z");
    private final EnvelopeMapper mapper = new EnvelopeMapper();

    private EventEnvelope mapped(PayloadValue item, EnvelopeMapping mapping) {
        MappingResult result = mapper.map(item, mapping, INGEST);
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).envelope();
    }

    private List<EnvelopeViolation> violations(PayloadValue item, EnvelopeMapping mapping) {
        MappingResult result = mapper.map(item, mapping, INGEST);
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).violations();
    }

    private static ObjectValue with(ObjectValue base, String name, PayloadValue value) {
        Map<String, PayloadValue> m = new LinkedHashMap<>(base.members());
        if (value == null) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return new ObjectValue(m);
    }

    @Nested
    class EnvelopeV1 {

        @Test
        void mapsASeed000Document() {
            EventEnvelope e = mapped(TelemetryEvents.anEnvelopeEvent(), EnvelopeV1Mapping.STRICT);

            assertThat(e.eventId()).isEqualTo("6f1c2a9e-0d4b-4c55-9a51-3f0e8b1d7c42");
            assertThat(e.source()).isEqualTo("payment-service");
            assertThat(e.eventType()).isEqualTo("error");
            assertThat(e.eventTimestamp()).isEqualTo(Instant.parse("2025-08-11T14:30:45.123Z"));
            assertThat(e.ingestTimestamp()).isEqualTo(INGEST);
            assertThat(e.payload().getOrNull("code")).isEqualTo(new StringValue("E42"));
            assertThat(e.metadata()).isEqualTo(new Metadata("pay-1", "prod", "payment-service", Map.of("region", "eu-west-1")));
            assertThat(e.eventVersion()).isNull();
        }

        @Test
        void acceptsEpochMillisAndAnOffsetTimestamp() {
            ObjectValue doc = TelemetryEvents.anEnvelopeEvent();

            assertThat(mapped(with(doc, "event_timestamp", NumberValue.of(1754922645123L)), EnvelopeV1Mapping.STRICT)
                    .eventTimestamp()).isEqualTo(Instant.parse("2025-08-11T14:30:45.123Z"));
            assertThat(mapped(with(doc, "event_timestamp", new StringValue("2025-08-11T16:30:45.123+02:00")),
                    EnvelopeV1Mapping.STRICT).eventTimestamp()).isEqualTo(Instant.parse("2025-08-11T14:30:45.123Z"));
        }

        @Test
        void theProducersIngestTimestampIsIgnored() {
            ObjectValue doc = with(TelemetryEvents.anEnvelopeEvent(), "ingest_timestamp", new StringValue("2000-01-01T00:00:00Z"));

            assertThat(mapped(doc, EnvelopeV1Mapping.STRICT).ingestTimestamp()).isEqualTo(INGEST);
        }

        @Test
        void mapsASeed003DocumentWithASourceObjectAndOptionalFields() {
            ObjectValue doc = ObjectValue.builder()
                    .put("event_id", "7d1e6a0c-5b2f-4c8e-9a3d-2f1b0c9e8d7a")
                    .put("event_type", "connector.data.raw")
                    .put("event_version", "1.0.0")
                    .put("timestamp", "2024-12-26T10:00:00Z")
                    .put("source", ObjectValue.builder().put("service", "connector-service")
                            .put("instance", "connector-service-abc123").build())
                    .put("correlation_id", "c0ffee00-0000-4000-8000-000000000001")
                    .put("org_id", 456L)
                    .put("payload", ObjectValue.builder().put("rows", 10L).build())
                    .build();

            EventEnvelope e = mapped(doc, new EnvelopeV1Mapping(Map.of("env", "prod")));

            assertThat(e.source()).isEqualTo("connector-service");
            assertThat(e.eventType()).isEqualTo("connector.data.raw");
            assertThat(e.eventTimestamp()).isEqualTo(Instant.parse("2024-12-26T10:00:00Z"));
            assertThat(e.metadata()).isEqualTo(Metadata.of("connector-service-abc123", "prod", "connector-service"));
            assertThat(e.eventVersion()).isEqualTo("1.0.0");
            assertThat(e.correlationId()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
            assertThat(e.orgId()).isEqualTo("456");
        }

        @Test
        void explicitMetadataWinsOverTheSourceObjectAndTheDefaults() {
            ObjectValue doc = with(TelemetryEvents.anEnvelopeEvent(), "source",
                    ObjectValue.builder().put("service", "payment-service").put("instance", "pod-7").build());

            EventEnvelope e = mapped(doc, new EnvelopeV1Mapping(Map.of("env", "staging", "team", "payments")));

            assertThat(e.metadata().host()).isEqualTo("pay-1");
            assertThat(e.metadata().env()).isEqualTo("prod");
            assertThat(e.metadata().extra()).containsEntry("team", "payments");
        }

        @Test
        void aSeed003DocumentWithoutEnvIsRejectedUnlessTheChannelDefaultsIt() {
            ObjectValue doc = ObjectValue.builder()
                    .put("event_id", "e-1").put("event_type", "audit").put("timestamp", "2024-12-26T10:00:00Z")
                    .put("source", ObjectValue.builder().put("service", "audit-writer").put("instance", "aw-1").build())
                    .put("payload", ObjectValue.EMPTY).build();

            assertThat(violations(doc, EnvelopeV1Mapping.STRICT))
                    .containsExactly(new EnvelopeViolation("metadata.env", "is missing"));
        }

        @Test
        void reportsEveryViolationWithItsField() {
            ObjectValue doc = ObjectValue.builder()
                    .put("event_id", 42L)
                    .put("source", "bad source")
                    .put("event_timestamp", "2025-08-11T14:30:45")
                    .put("payload", new ArrayValue(List.of()))
                    .put("metadata", ObjectValue.builder().put("host", "h").put("service", "s")
                            .put("tags", ObjectValue.EMPTY).build())
                    .put("colour", "blue")
                    .build();

            List<EnvelopeViolation> v = violations(doc, EnvelopeV1Mapping.STRICT);

            assertThat(v).extracting(EnvelopeViolation::field).containsExactlyInAnyOrder(
                    "colour", "event_id", "source", "event_type", "event_timestamp", "payload", "metadata.tags",
                    "metadata.env");
            assertThat(v).contains(
                    new EnvelopeViolation("event_id", "must be a string, got 42"),
                    new EnvelopeViolation("event_type", "is missing"),
                    new EnvelopeViolation("payload", "must be an object, got ARRAY"),
                    new EnvelopeViolation("colour", "is not a member of envelope v1"));
            assertThat(v).filteredOn(x -> x.field().equals("event_timestamp")).singleElement()
                    .extracting(EnvelopeViolation::problem).asString()
                    .contains("ISO-8601 with an offset").contains("'2025-08-11T14:30:45'");
            assertThat(v).filteredOn(x -> x.field().equals("source")).singleElement()
                    .extracting(EnvelopeViolation::problem).asString().contains("'bad source'");
        }

        @Test
        void keepsTheIdAndSourceOfARejectedDocumentForItsDeadLetter() {
            ObjectValue doc = with(TelemetryEvents.anEnvelopeEvent(), "payload", null);

            MappingResult.Rejected rejected = (MappingResult.Rejected) mapper.map(doc, EnvelopeV1Mapping.STRICT, INGEST);

            assertThat(rejected.eventId()).isEqualTo("6f1c2a9e-0d4b-4c55-9a51-3f0e8b1d7c42");
            assertThat(rejected.source()).isEqualTo("payment-service");
            assertThat(rejected.detail()).isEqualTo("payload: is missing");
        }

        @Test
        void refusesBothTimestampSpellings() {
            ObjectValue doc = with(TelemetryEvents.anEnvelopeEvent(), "timestamp", new StringValue("2025-08-11T14:30:45Z"));

            assertThat(violations(doc, EnvelopeV1Mapping.STRICT)).extracting(EnvelopeViolation::field)
                    .containsExactly("event_timestamp");
        }

        @Test
        void refusesAnItemThatIsNotAnObject() {
            assertThat(violations(new ArrayValue(List.of(TelemetryEvents.anEnvelopeEvent())), EnvelopeV1Mapping.STRICT))
                    .containsExactly(new EnvelopeViolation("$", "an event must be a JSON object, got ARRAY"));
        }

        @Test
        void refusesEpochSecondsMistakenForMillis() {
            ObjectValue doc = with(TelemetryEvents.anEnvelopeEvent(), "event_timestamp", NumberValue.of(1754922645L));

            assertThat(violations(doc, EnvelopeV1Mapping.STRICT)).extracting(EnvelopeViolation::field)
                    .containsExactly("event_timestamp");
        }
    }

    @Nested
    class SourceMappings {

        @Test
        void mapsSeed002sAcmeRecordByConfiguration() {
            ObjectValue record = TelemetryEvents.anAcmeStart();

            EventEnvelope e = mapped(record, TelemetryEvents.ACME_MAPPING);

            assertThat(e.eventId()).isEqualTo("EVENT_a1b2c3d4");
            assertThat(e.source()).isEqualTo("acme-telemetry");
            assertThat(e.eventType()).isEqualTo("start");
            assertThat(e.eventTimestamp()).isEqualTo(TelemetryEvents.ACME_SAMPLE_TIME);
            assertThat(e.ingestTimestamp()).isEqualTo(INGEST);
            assertThat(e.payload()).isEqualTo(record);
            assertThat(e.metadata()).isEqualTo(new Metadata("acme-telemetry", "prod", "acme-video-player",
                    Map.of("app_version", "5.2.1")));
        }

        @Test
        void takesTheEventTypeFromAFieldAndSeed003FieldsFromNestedFields() {
            SourceMapping mapping = SourceMapping.of("shop", "id", "ts", ValueRef.field("kind"), Map.of(
                            "host", ValueRef.field("origin.host"), "env", ValueRef.constant("dev"),
                            "service", ValueRef.constant("shop-api")))
                    .withOrgId(ValueRef.field("tenant")).withCorrelationId(ValueRef.field("trace.id"));
            ObjectValue record = ObjectValue.builder()
                    .put("id", 981L).put("ts", 1754922645123L).put("kind", "order.placed").put("tenant", 7L)
                    .put("origin", ObjectValue.builder().put("host", "web-3").build())
                    .put("trace", ObjectValue.builder().put("id", "t-1").build())
                    .build();

            EventEnvelope e = mapped(record, mapping);

            assertThat(e.eventId()).isEqualTo("981");
            assertThat(e.eventType()).isEqualTo("order.placed");
            assertThat(e.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1754922645123L));
            assertThat(e.metadata().host()).isEqualTo("web-3");
            assertThat(e.orgId()).isEqualTo("7");
            assertThat(e.correlationId()).isEqualTo("t-1");
        }

        @Test
        void namesTheMappedFieldThatIsMissingOrMalformed() {
            ObjectValue record = with(with(with(TelemetryEvents.anAcmeStart(), "event_id", null),
                    "event_timestamp", new StringValue("yesterday")), "app_version", ObjectValue.EMPTY);

            assertThat(violations(record, TelemetryEvents.ACME_MAPPING)).containsExactlyInAnyOrder(
                    new EnvelopeViolation("event_id", "field 'event_id' is missing"),
                    new EnvelopeViolation("event_timestamp", "must be ISO-8601 with an offset or epoch milliseconds"
                            + " (from 2001-09-09 to 9999-12-31), got 'yesterday'"),
                    new EnvelopeViolation("metadata.app_version",
                            "field 'app_version' must be a non-blank string or an integral number, got OBJECT"));
        }

        @Test
        void anOptionalMetadataFieldMayBeAbsent() {
            ObjectValue record = with(TelemetryEvents.anAcmeStart(), "app_version", null);

            assertThat(mapped(record, TelemetryEvents.ACME_MAPPING).metadata().extra()).isEmpty();
        }

        @Test
        void anEventIdFieldWithSpacesIsRejected() {
            ObjectValue record = with(TelemetryEvents.anAcmeStart(), "event_id", new StringValue("EVENT a1"));

            assertThat(violations(record, TelemetryEvents.ACME_MAPPING)).singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("event_id"))
                    .satisfies(v -> assertThat(v.problem()).contains("'EVENT a1'"));
        }

        @Test
        void aMappingWithoutRequiredMetadataIsAConfigurationError() {
            assertThatThrownBy(() -> SourceMapping.of("acme", "event_id", "event_timestamp", ValueRef.constant("video"),
                    Map.of("host", ValueRef.constant("h"), "service", ValueRef.constant("s"))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("metadata.env");
        }

        @Test
        void aMappingWithAnInvalidConstantSourceIsAConfigurationError() {
            assertThatThrownBy(() -> SourceMapping.of("acme video", "event_id", "event_timestamp",
                    ValueRef.constant("video"), Map.of("host", ValueRef.constant("h"), "env", ValueRef.constant("e"),
                            "service", ValueRef.constant("s"))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("'acme video'");
        }
    }
}
