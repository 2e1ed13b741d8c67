package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.SeenEventIndex;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.DedupPartition;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link SeenEventIndex}, for the fake and for every adapter. A subclass supplies a
 * fresh, empty index with the given horizon whose partitions {@code p-0} and {@code p-1} are ready.
 */
public abstract class AbstractSeenEventIndexContractTest {

    protected static final Duration HORIZON = Duration.ofHours(48).plusMinutes(5);
    protected static final DedupPartition P0 = new DedupPartition("p-0");
    protected static final DedupPartition P1 = new DedupPartition("p-1");
    private static final Instant T0 = Instant.parse("2025-08-11T00:00:00Z");

    /** A new, empty index with {@code horizon}, ready to serve {@link #P0} and {@link #P1}. */
    protected abstract SeenEventIndex createIndex(Duration horizon);

    private static SeenEvent entry(String eventId, long fingerprint, Instant ingestTime) {
        return new SeenEvent(EventKey.of("acme", eventId), new ContentFingerprint(fingerprint), ingestTime);
    }

    @Test
    void anEmptyIndexHasSeenNothing() {
        SeenEventIndex index = createIndex(HORIZON);

        assertThat(index.lookup(P0, List.of(EventKey.of("acme", "EVENT_1")))).isEmpty();
    }

    @Test
    void reportsItsHorizon() {
        assertThat(createIndex(HORIZON).horizon()).isGreaterThanOrEqualTo(HORIZON);
    }

    @Test
    void returnsTheRememberedEntryOfEachSeenKeyAndNothingForOthers() {
        SeenEventIndex index = createIndex(HORIZON);
        SeenEvent a = entry("EVENT_a", 11, T0);
        SeenEvent b = entry("EVENT_b", 22, T0.plusSeconds(1));
        index.remember(P0, List.of(a, b));

        Map<EventKey, SeenEvent> found = index.lookup(P0, List.of(a.key(), EventKey.of("acme", "EVENT_c")));

        assertThat(found).containsExactly(Map.entry(a.key(), a));
    }

    @Test
    void theFirstRememberedCopyWins() {
        SeenEventIndex index = createIndex(HORIZON);
        SeenEvent first = entry("EVENT_a", 11, T0);
        index.remember(P0, List.of(first));
        index.remember(P0, List.of(entry("EVENT_a", 99, T0.plusSeconds(5))));

        assertThat(index.lookup(P0, List.of(first.key()))).containsEntry(first.key(), first);
    }

    @Test
    void rememberingTheSameEntriesTwiceIsHarmless() {
        SeenEventIndex index = createIndex(HORIZON);
        SeenEvent a = entry("EVENT_a", 11, T0);
        index.remember(P0, List.of(a));
        index.remember(P0, List.of(a));

        assertThat(index.lookup(P0, List.of(a.key()))).containsExactly(Map.entry(a.key(), a));
    }

    @Test
    void partitionsAreIndependent() {
        SeenEventIndex index = createIndex(HORIZON);
        SeenEvent a = entry("EVENT_a", 11, T0);
        index.remember(P0, List.of(a));

        assertThat(index.lookup(P1, List.of(a.key()))).isEmpty();
    }

    @Test
    void keysOfOtherSourcesWithTheSameIdAreDifferent() {
        SeenEventIndex index = createIndex(HORIZON);
        index.remember(P0, List.of(entry("EVENT_a", 11, T0)));

        assertThat(index.lookup(P0, List.of(EventKey.of("other-source", "EVENT_a")))).isEmpty();
    }

    @Test
    void anEntryExactlyOneHorizonOlderThanTheWatermarkIsStillSeen() {
        SeenEventIndex index = createIndex(HORIZON);
        SeenEvent old = entry("EVENT_old", 11, T0);
        index.remember(P0, List.of(old));
        index.remember(P0, List.of(entry("EVENT_new", 22, T0.plus(HORIZON))));

        assertThat(index.lookup(P0, List.of(old.key()))).containsKey(old.key());
    }

    @Test
    void anEntryOlderThanTheWatermarkMinusTheHorizonIsExpired() {
        SeenEventIndex index = createIndex(HORIZON);
        SeenEvent old = entry("EVENT_old", 11, T0);
        index.remember(P0, List.of(old));
        index.remember(P0, List.of(entry("EVENT_new", 22, T0.plus(HORIZON).plusMillis(1))));

        assertThat(index.lookup(P0, List.of(old.key()))).isEmpty();
    }

    @Test
    void expiryFollowsStreamTimeOfEachPartitionNotTheWallClock() {
        SeenEventIndex index = createIndex(HORIZON);
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        SeenEvent a = entry("EVENT_a", 11, longAgo);
        index.remember(P0, List.of(a));
        index.remember(P1, List.of(entry("EVENT_b", 22, longAgo.plus(Duration.ofDays(30)))));

        assertThat(index.lookup(P0, List.of(a.key()))).containsKey(a.key());
    }

    @Test
    void anExpiredKeyCanBeRememberedAgain() {
        SeenEventIndex index = createIndex(HORIZON);
        index.remember(P0, List.of(entry("EVENT_a", 11, T0)));
        Instant later = T0.plus(HORIZON).plusSeconds(1);
        SeenEvent again = entry("EVENT_a", 33, later);
        index.remember(P0, List.of(again));

        assertThat(index.lookup(P0, List.of(again.key()))).containsEntry(again.key(), again);
    }
}
