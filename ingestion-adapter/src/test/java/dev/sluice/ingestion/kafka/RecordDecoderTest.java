package dev.sluice.ingestion.kafka;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.model.envelope.EnvelopeV1Mapping;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

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
}
