package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.Metadata;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.Subject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link EventLake}, for the fake and for the Iceberg adapter. A subclass supplies
 * an empty lake and reads back what is committed. Events are compared by their identity and
 * classification (id, source, type, times, subject, version, lateness, PII key id, dedup key and
 * fingerprint), which every adapter must keep exactly.
 */
public abstract class AbstractEventLakeContractTest {

    private static final TopicPartition TP = new TopicPartition("telemetry.events.raw", 0);

    /** A new, empty lake. */
    protected abstract EventLake createLake();

    /** Every event committed to {@code lake}, in any order. */
    protected abstract List<StoredEvent> readCommittedEvents(EventLake lake);

    /** The positions committed to {@code lake}. */
    protected abstract StreamPositions readCommittedPositions(EventLake lake);

    /** The fields every adapter keeps exactly. */
    protected record Identity(String eventId, String source, String eventType, Instant eventTimestamp,
                              Instant ingestTimestamp, Subject subject, int schemaVersion, Lateness lateness,
                              String piiKeyId, EventKey key, ContentFingerprint fingerprint) {
        static Identity of(StoredEvent e) {
            EventEnvelope env = e.envelope();
            return new Identity(env.eventId(), env.source(), env.eventType(), env.eventTimestamp(),
                    env.ingestTimestamp(), e.subject(), e.schemaVersion(), e.lateness(), e.piiKeyId(), e.key(),
                    e.fingerprint());
        }
    }

    protected static StoredEvent event(String eventId, long offset, Lateness lateness) {
        Instant ingest = Instant.parse("2025-08-11T14:31:00Z").plusSeconds(offset);
        EventEnvelope envelope = new EventEnvelope(eventId, "payment-service", "error",
                Instant.parse("2025-08-11T14:30:45.123Z"), ingest,
                ObjectValue.builder().put("code", "E42").put("attempt", offset).build(),
                Metadata.of("pay-1", "prod", "payment-service"), null, null, null);
        return new StoredEvent(envelope, Subject.of("payment-service", "error"), 1, 7, lateness, "k1",
                EventKey.of("payment-service", eventId), new ContentFingerprint(offset * 31), 
                new KafkaCoordinates(TP.topic(), TP.partition(), offset));
    }

    private static List<Identity> identities(List<StoredEvent> events) {
        return events.stream().map(Identity::of).toList();
    }

    @Test
    void nothingIsVisibleBeforeComplete() {
        EventLake lake = createLake();
        try (PendingAppend append = lake.begin()) {
            append.write(event("e-0", 0, Lateness.ON_TIME));
            append.write(event("e-1", 1, Lateness.LATE));

            assertThat(readCommittedEvents(lake)).isEmpty();
            assertThat(readCommittedPositions(lake).nextOffset(TP)).isEmpty();
        }
    }

    @Test
    void completeMakesEveryWrittenEventAndThePositionsVisible() {
        EventLake lake = createLake();
        StoredEvent e0 = event("e-0", 0, Lateness.ON_TIME);
        StoredEvent e1 = event("e-1", 1, Lateness.LATE);
        try (PendingAppend append = lake.begin()) {
            append.write(e0);
            append.write(e1);
            append.complete(new StreamPositions(Map.of(TP, 2L)));
        }

        assertThat(identities(readCommittedEvents(lake))).containsExactlyInAnyOrderElementsOf(identities(List.of(e0, e1)));
        assertThat(readCommittedPositions(lake).nextOffset(TP)).contains(2L);
    }

    @Test
    void aClaimReturnsTheCommittedNextOffsetsOfExactlyTheClaimedPartitions() {
        EventLake lake = createLake();
        TopicPartition other = new TopicPartition(TP.topic(), 1);
        TopicPartition never = new TopicPartition(TP.topic(), 2);
        assertThat(lake.claim(new WriterEpoch("writer-a", 1), Set.of(TP, other)).nextOffsets())
                .as("nothing committed yet").isEmpty();
        try (PendingAppend append = lake.begin()) {
            append.write(event("e-0", 0, Lateness.ON_TIME));
            append.complete(new StreamPositions(Map.of(TP, 7L, other, 3L)));
        }

        assertThat(lake.claim(new WriterEpoch("writer-a", 2), Set.of(TP, never)).nextOffsets())
                .as("the claimed partitions only; one never committed is absent").isEqualTo(Map.of(TP, 7L));
        assertThat(lake.claim(new WriterEpoch("writer-a", 2), Set.of(other)).nextOffsets()).isEqualTo(Map.of(other, 3L));
    }

    @Test
    void aReleasedPartitionClaimedAgainResumesWhereTheLastBatchEnded() {
        EventLake lake = createLake();
        WriterEpoch writer = new WriterEpoch("writer-a", 1);
        lake.claim(writer, Set.of(TP));
        try (PendingAppend append = lake.begin()) {
            append.write(event("e-0", 0, Lateness.ON_TIME));
            append.write(event("e-1", 1, Lateness.ON_TIME));
            append.complete(new StreamPositions(Map.of(TP, 2L)));
        }
        lake.release(Set.of(TP));

        assertThat(lake.claim(new WriterEpoch("writer-b", 2), Set.of(TP)).nextOffset(TP)).contains(2L);
        try (PendingAppend append = lake.begin()) {
            append.write(event("e-2", 2, Lateness.ON_TIME));
            append.complete(new StreamPositions(Map.of(TP, 3L)));
        }
        assertThat(readCommittedEvents(lake)).extracting(e -> e.envelope().eventId())
                .containsExactlyInAnyOrder("e-0", "e-1", "e-2");
        assertThat(readCommittedPositions(lake).nextOffset(TP)).contains(3L);
    }

    @Test
    void closingWithoutCompleteLeavesNothing() {
        EventLake lake = createLake();
        try (PendingAppend append = lake.begin()) {
            append.write(event("e-0", 0, Lateness.ON_TIME));
        }

        assertThat(readCommittedEvents(lake)).isEmpty();
        assertThat(readCommittedPositions(lake).nextOffset(TP)).isEmpty();
    }

    @Test
    void aBatchWithoutEventsStillAdvancesThePositions() {
        EventLake lake = createLake();
        try (PendingAppend append = lake.begin()) {
            append.complete(new StreamPositions(Map.of(TP, 5L)));
        }

        assertThat(readCommittedEvents(lake)).isEmpty();
        assertThat(readCommittedPositions(lake).nextOffset(TP)).contains(5L);
    }

    @Test
    void aBatchWhosePositionsDoNotAdvanceIsRefusedAndLeavesNothing() {
        EventLake lake = createLake();
        try (PendingAppend append = lake.begin()) {
            append.write(event("e-0", 0, Lateness.ON_TIME));
            append.write(event("e-1", 1, Lateness.ON_TIME));
            append.complete(new StreamPositions(Map.of(TP, 2L)));
        }

        try (PendingAppend stale = lake.begin()) {
            stale.write(event("e-1", 1, Lateness.ON_TIME));
            assertThatThrownBy(() -> stale.complete(new StreamPositions(Map.of(TP, 2L))))
                    .isInstanceOf(CommitFailedException.class);
        }

        assertThat(readCommittedEvents(lake)).hasSize(2);
        assertThat(readCommittedPositions(lake).nextOffset(TP)).contains(2L);
    }

    @Test
    void consecutiveBatchesAccumulate() {
        EventLake lake = createLake();
        for (int batch = 0; batch < 3; batch++) {
            try (PendingAppend append = lake.begin()) {
                append.write(event("e-" + batch, batch, Lateness.ON_TIME));
                append.complete(new StreamPositions(Map.of(TP, batch + 1L)));
            }
        }

        assertThat(readCommittedEvents(lake)).extracting(e -> e.envelope().eventId())
                .containsExactlyInAnyOrder("e-0", "e-1", "e-2");
        assertThat(readCommittedPositions(lake).nextOffset(TP)).contains(3L);
    }

    @Test
    void anEventOutsideThePositionsGivenAtCompleteIsRefusedAndLeavesNothing() {
        EventLake lake = createLake();
        TopicPartition other = new TopicPartition(TP.topic(), 1);
        try (PendingAppend append = lake.begin()) {
            append.write(event("e-0", 0, Lateness.ON_TIME));
            assertThatThrownBy(() -> append.complete(new StreamPositions(Map.of(other, 1L))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(TP.topic() + "-" + TP.partition());
        }

        assertThat(readCommittedEvents(lake)).isEmpty();
        assertThat(readCommittedPositions(lake).nextOffsets()).isEmpty();
    }
}
