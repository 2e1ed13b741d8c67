package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.HttpCoordinates;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link DeadLetterSink}, for the fake and for every adapter. A subclass supplies
 * an empty sink and reads back what it stored.
 */
public abstract class AbstractDeadLetterSinkContractTest {

    private static final Instant RECEIVED = Instant.parse("2025-08-11T14:31:00Z");
    private static final Instant DECIDED = Instant.parse("2025-08-11T14:31:02Z");

    /** A new, empty sink. */
    protected abstract DeadLetterSink createSink();

    /** Every dead letter {@code sink} holds, in any order. */
    protected abstract List<DeadLetter> readBack(DeadLetterSink sink);

    private static DeadLetter letter(String bytes, DeadLetterReason reason, long offset) {
        return new DeadLetter(RawBytes.utf8(bytes), reason, reason + " at offset " + offset,
                new KafkaCoordinates("acme-telemetry", 3, offset), RECEIVED, DECIDED, "acme", "EVENT_" + offset);
    }

    @Test
    void storesDeadLettersExactlyAsGiven() {
        DeadLetterSink sink = createSink();
        DeadLetter notJson = new DeadLetter(RawBytes.copyOf(new byte[] {'{', 'x', (byte) 0xC3}),
                DeadLetterReason.NOT_JSON, "Unexpected character ('x')", new KafkaCoordinates("telemetry.events.raw", 0, 7),
                RECEIVED, DECIDED, null, null);
        DeadLetter late = letter("{\"event_id\":\"EVENT_8\"}", DeadLetterReason.TOO_LATE, 8);

        sink.write(List.of(notJson, late));

        assertThat(readBack(sink)).containsExactlyInAnyOrder(notJson, late);
    }

    @Test
    void keepsHttpCoordinates() {
        DeadLetterSink sink = createSink();
        DeadLetter http = new DeadLetter(RawBytes.utf8("[1,2]"), DeadLetterReason.INVALID_ENVELOPE,
                "$: an event must be a JSON object, got ARRAY", new HttpCoordinates("req-42", 3), RECEIVED, DECIDED,
                null, null);

        sink.write(List.of(http));

        assertThat(readBack(sink)).containsExactly(http);
    }

    @Test
    void isIdempotentByChannelCoordinates() {
        DeadLetterSink sink = createSink();
        DeadLetter first = letter("{\"a\":1}", DeadLetterReason.SCHEMA_VIOLATION, 10);
        sink.write(List.of(first, letter("{\"b\":2}", DeadLetterReason.RULE_VIOLATION, 11)));

        sink.write(List.of(first, letter("{\"b\":2}", DeadLetterReason.RULE_VIOLATION, 11),
                letter("{\"c\":3}", DeadLetterReason.TOO_LATE, 12)));

        assertThat(readBack(sink)).hasSize(3)
                .extracting(d -> ((KafkaCoordinates) d.channel()).offset()).containsExactlyInAnyOrder(10L, 11L, 12L);
    }

    @Test
    void writingNothingStoresNothing() {
        DeadLetterSink sink = createSink();

        sink.write(List.of());

        assertThat(readBack(sink)).isEmpty();
    }
}
