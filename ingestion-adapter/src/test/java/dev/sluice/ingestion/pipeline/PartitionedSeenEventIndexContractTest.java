package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.out.SeenEventIndex;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.DedupPartition;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;
import dev.sluice.domain.model.error.InfrastructureException;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.testing.AbstractSeenEventIndexContractTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionedSeenEventIndexContractTest extends AbstractSeenEventIndexContractTest {

    private static final Instant T0 = Instant.parse("2025-08-11T00:00:00Z");

    @Override
    protected SeenEventIndex createIndex(Duration horizon) {
        PartitionedSeenEventIndex index = new PartitionedSeenEventIndex(horizon);
        index.loadEmpty(P0);
        index.loadEmpty(P1);
        return index;
    }

    @Test
    void aPartitionThatIsNotLoadedIsNeverAnsweredAsNotSeen() {
        PartitionedSeenEventIndex index = new PartitionedSeenEventIndex(HORIZON);

        assertThatThrownBy(() -> index.lookup(new DedupPartition("raw-7"), List.of(EventKey.of("acme", "EVENT_1"))))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("raw-7");
    }

    @Test
    void aKeyHitWithAnotherFingerprintReturnsTheStoredCopySoTheDomainDeadLettersTheConflict() {
        SeenEventIndex index = createIndex(HORIZON);
        EventKey key = EventKey.of("acme", "EVENT_x");
        index.remember(P0, List.of(new SeenEvent(key, new ContentFingerprint(1), T0)));

        Map<EventKey, SeenEvent> found = index.lookup(P0, List.of(key));

        assertThat(found.get(key).fingerprint()).isEqualTo(new ContentFingerprint(1));
    }

    @Test
    void keysSharingTheirFirst64BitsButNotTheir96StayDistinct() {
        SeenEventIndex index = createIndex(HORIZON);
        SeenEvent a = new SeenEvent(new EventKey(42, 1L << 32), new ContentFingerprint(7), T0);
        SeenEvent b = new SeenEvent(new EventKey(42, 2L << 32), new ContentFingerprint(7), T0);
        index.remember(P0, List.of(a));

        assertThat(index.lookup(P0, List.of(b.key()))).isEmpty();
        index.remember(P0, List.of(b));
        assertThat(index.lookup(P0, List.of(a.key(), b.key()))).containsOnlyKeys(a.key(), b.key());
    }

    @Test
    void rebuildingFromTheLakeHistoryGivesTheSameAnswersAsTheLiveIndex() {
        PartitionedSeenEventIndex live = (PartitionedSeenEventIndex) createIndex(HORIZON);
        List<SeenEvent> stored = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            stored.add(new SeenEvent(EventKey.of("acme", "EVENT_" + i), new ContentFingerprint(i),
                    T0.plus(Duration.ofMinutes(i))));
        }
        for (int i = 0; i < stored.size(); i += 100) {
            live.remember(P0, stored.subList(i, i + 100));
        }
        PartitionedSeenEventIndex rebuilt = new PartitionedSeenEventIndex(HORIZON);
        TopicPartition tp = new TopicPartition("p", 0);
        rebuilt.load(tp, (partition, horizon, sink) -> {
            stored.forEach(sink);
            return stored.size();
        });

        List<EventKey> keys = stored.stream().map(SeenEvent::key).toList();
        assertThat(rebuilt.lookup(new DedupPartition("p-0"), keys)).isEqualTo(live.lookup(P0, keys));
        assertThat(rebuilt.lookup(new DedupPartition("p-0"), keys)).hasSize(48 * 60 + 5 + 1);
    }

    @Test
    void holdsAtMost32BytesPerEntry() {
        PackedSeenEventTable table = new PackedSeenEventTable(HORIZON.toMillis(), 0);
        long min = Long.MAX_VALUE;
        long max = 0;
        double sum = 0;
        int samples = 0;
        for (int i = 1; i <= 2_000_000; i++) {
            EventKey key = EventKey.of("acme", "EVENT_" + i);
            table.put(key.high(), key.low(), i, T0.toEpochMilli() + i);
            if (i >= 100_000 && i % 1000 == 0) {
                long perEntry = table.memoryBytes() / table.size();
                min = Math.min(min, perEntry);
                max = Math.max(max, perEntry);
                sum += (double) table.memoryBytes() / table.size();
                samples++;
            }
        }
        System.out.printf("packed seen-event table: %d..%d bytes per entry, mean %.1f, rebuilds %d%n",
                min, max, sum / samples, table.rebuilds());
        assertThat(max).isLessThanOrEqualTo(32);
        assertThat(table.size()).isEqualTo(2_000_000);
    }

    @Test
    void keysEqualInTheStored96BitsShareOneEntryAndItsFingerprintTellsThemApart() {
        PackedSeenEventTable table = new PackedSeenEventTable(HORIZON.toMillis(), 0);
        long hi = 0x1234_5678_9abc_def0L;
        long stored = 0x0fed_cba9_0000_0001L;
        long sameTop = 0x0fed_cba9_ffff_fffeL;
        long otherTop = 0x0fed_cbaa_0000_0001L;
        assertThat(table.put(hi, stored, 111, T0.toEpochMilli())).isTrue();

        int slot = table.find(hi, sameTop);
        assertThat(slot).isNotNegative();
        assertThat(table.fingerprintAt(slot)).isEqualTo(111);
        assertThat(table.put(hi, sameTop, 222, T0.toEpochMilli() + 1)).isFalse();
        assertThat(table.find(hi, otherTop)).isEqualTo(-1);
        assertThat(table.put(hi, otherTop, 333, T0.toEpochMilli() + 2)).isTrue();
        assertThat(table.size()).isEqualTo(2);
    }
}
