package dev.sluice.ingestion.kafka;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.model.envelope.EnvelopeV1Mapping;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder(new JsonItemParser(new ParseLimits(1024, 4)),
            Map.of("telemetry.events.raw", EnvelopeV1Mapping.STRICT));

    @Test
    void aRecordBecomesAParsedItemWithItsCoordinatesAndTimestampAsIngestTime() {
        byte[] value = "{\"event_id\":\"e\"}".getBytes();

        IncomingEvent event = decoder.decode("telemetry.events.raw", 3, 42, 1_700_000_000_123L, value, null, null, null);

        assertThat(event).isInstanceOfSatisfying(IncomingEvent.Parsed.class, p -> {
            assertThat(p.channel()).isEqualTo(new KafkaCoordinates("telemetry.events.raw", 3, 42));
            assertThat(p.ingestTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
            assertThat(p.originalBytes()).isEqualTo(RawBytes.copyOf(value));
            assertThat(p.mapping()).isEqualTo(EnvelopeV1Mapping.STRICT);
        });
    }

    @Test
    void unparseableValuesKeepTheirBytesAndReason() {
        IncomingEvent event = decoder.decode("telemetry.events.raw", 0, 1, 1L, "{\"a\":[[[[[]]]]]}".getBytes(), null, null, null);

        assertThat(event).isInstanceOfSatisfying(IncomingEvent.Unparseable.class,
                u -> assertThat(u.reason()).isEqualTo(DeadLetterReason.TOO_DEEP));
    }

    @Test
    void aTruncatedRecordIsOversizedWithSizeAndHash() {
        IncomingEvent event = decoder.decode("telemetry.events.raw", 0, 1, 1L, "{\"pad\":\"xx".getBytes(), "true", "2000000", "abc");

        assertThat(event).isInstanceOfSatisfying(IncomingEvent.Unparseable.class, u -> {
            assertThat(u.reason()).isEqualTo(DeadLetterReason.OVERSIZED);
            assertThat(u.detail()).isEqualTo("the event was 2000000 bytes (sha256 abc), more than the limit of 1024 bytes;"
                    + " only its first 10 bytes were kept");
        });
    }

    @Test
    void aTopicWithoutMappingIsAConfigurationError() {
        assertThatThrownBy(() -> decoder.decode("unknown", 0, 0, 1L, new byte[0], null, null, null))
                .hasMessage("No envelope mapping is configured for topic unknown");
    }

    @Test
    void aReplayedRecordWithAValidSignatureCarriesItsOverrides() {
        ReplaySignature replay = ReplaySignature.withSecret("replay-secret-0123456789");
        RecordDecoder withSecret = new RecordDecoder(new JsonItemParser(new ParseLimits(1024, 4)),
                Map.of("telemetry.events.raw", EnvelopeV1Mapping.STRICT), replay);
        byte[] value = "{\"event_id\":\"e\"}".getBytes(StandardCharsets.UTF_8);
        Set<ReplayOverride> overrides = Set.of(ReplayOverride.ACCEPT_TOO_LATE);

        IncomingEvent signed = withSecret.decode(record(value, "ACCEPT_TOO_LATE", replay.sign("telemetry.events.raw", overrides, value)));
        IncomingEvent forged = withSecret.decode(record(value, "ACCEPT_TOO_LATE", "00".repeat(32)));
        IncomingEvent plain = withSecret.decode(record(value, null, null));

        assertThat(signed).isInstanceOfSatisfying(IncomingEvent.Parsed.class, p -> assertThat(p.overrides()).isEqualTo(overrides));
        assertThat(forged).isInstanceOfSatisfying(IncomingEvent.Parsed.class, p -> assertThat(p.overrides()).isEmpty());
        assertThat(plain).isInstanceOfSatisfying(IncomingEvent.Parsed.class, p -> assertThat(p.overrides()).isEmpty());
        assertThat(withSecret.overridesAccepted()).isEqualTo(1);
        assertThat(withSecret.overridesRefused()).isEqualTo(1);
    }

    @Test
    void withoutAReplaySecretEveryOverrideIsRefused() {
        ReplaySignature replay = ReplaySignature.withSecret("replay-secret-0123456789");
        byte[] value = "{\"event_id\":\"e\"}".getBytes(StandardCharsets.UTF_8);

        IncomingEvent event = decoder.decode(record(value, "ACCEPT_TOO_LATE",
                replay.sign("telemetry.events.raw", Set.of(ReplayOverride.ACCEPT_TOO_LATE), value)));

        assertThat(event).isInstanceOfSatisfying(IncomingEvent.Parsed.class, p -> assertThat(p.overrides()).isEmpty());
        assertThat(decoder.overridesRefused()).isEqualTo(1);
        assertThat(decoder.overridesAccepted()).isZero();
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value, String overrides, String signature) {
        RecordHeaders headers = new RecordHeaders();
        if (overrides != null) {
            headers.add(ReplaySignature.OVERRIDES_HEADER, overrides.getBytes(StandardCharsets.UTF_8));
        }
        if (signature != null) {
            headers.add(ReplaySignature.SIGNATURE_HEADER, signature.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("telemetry.events.raw", 0, 7, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                -1, value.length, null, value, headers, Optional.empty());
    }
}
