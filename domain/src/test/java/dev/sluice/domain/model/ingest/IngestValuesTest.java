package dev.sluice.domain.model.ingest;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.model.error.DomainErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestValuesTest {

    private static final Instant T = Instant.parse("2025-08-11T14:31:00Z");

    @Test
    void positionsAreOnePastTheGreatestOffsetPerPartitionAndIgnoreHttpItems() {
        StreamPositions positions = StreamPositions.after(List.of(
                new KafkaCoordinates("acme-telemetry", 0, 7), new KafkaCoordinates("acme-telemetry", 0, 3),
                new KafkaCoordinates("acme-telemetry", 1, 0), new HttpCoordinates("req-1", 0)));

        assertThat(positions.nextOffsets()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                new TopicPartition("acme-telemetry", 0), 8L, new TopicPartition("acme-telemetry", 1), 1L));
        assertThat(StreamPositions.after(List.of(new HttpCoordinates("req-1", 0)))).isEqualTo(StreamPositions.NONE);
    }

    @Test
    void kafkaItemsDedupPerTopicPartitionAndHttpItemsShareOnePartition() {
        assertThat(new KafkaCoordinates("telemetry.events.raw", 3, 9).dedupPartition().id())
                .isEqualTo("telemetry.events.raw-3");
        assertThat(new HttpCoordinates("a", 0).dedupPartition()).isEqualTo(new HttpCoordinates("b", 5).dedupPartition());
    }

    @Test
    void anUnparseableItemNeedsAParseFailureReason() {
        assertThatThrownBy(() -> IncomingEvent.unparseable(DeadLetterReason.TOO_LATE, "x", RawBytes.EMPTY,
                new HttpCoordinates("r", 0), T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TOO_LATE");
    }

    @Test
    void aLongDetailIsCutToTheLimit() {
        DeadLetter letter = new DeadLetter(RawBytes.EMPTY, DeadLetterReason.SCHEMA_VIOLATION, "x".repeat(10_000),
                new HttpCoordinates("r", 0), T, T, null, null);

        assertThat(letter.detail()).hasSize(DeadLetter.MAX_DETAIL_LENGTH).endsWith("...");
    }

    @Test
    void rawBytesAreCopiedInAndComparedByContent() {
        byte[] bytes = {1, 2, 3};
        RawBytes raw = RawBytes.copyOf(bytes);
        bytes[0] = 9;

        assertThat(raw.toByteArray()).containsExactly(1, 2, 3);
        assertThat(raw).isEqualTo(RawBytes.copyOf(new byte[] {1, 2, 3})).hasSameHashCodeAs(RawBytes.copyOf(new byte[] {1, 2, 3}));
        assertThat(raw.asReadOnlyBuffer().isReadOnly()).isTrue();
    }

    @Test
    void errorCodesAreUnique() {
        assertThat(Arrays.stream(DomainErrorCode.values()).map(DomainErrorCode::code).distinct().count())
                .isEqualTo(DomainErrorCode.values().length);
    }

    @Test
    void onlyParserReasonsAreParseFailures() {
        assertThat(Arrays.stream(DeadLetterReason.values()).filter(DeadLetterReason::isParseFailure))
                .containsExactlyInAnyOrder(DeadLetterReason.NOT_JSON, DeadLetterReason.UNSUPPORTED_ENCODING,
                        DeadLetterReason.OVERSIZED, DeadLetterReason.TOO_DEEP);
    }
}
