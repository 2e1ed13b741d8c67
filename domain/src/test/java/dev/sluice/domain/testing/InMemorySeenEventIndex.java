package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.SeenEventIndex;
import dev.sluice.domain.model.dedup.DedupPartition;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A hand-written fake {@link SeenEventIndex} on hash maps. It follows the port's contract exactly
 * (first copy wins, expiry by the partition's ingest-time watermark) but not its memory budget.
 * Thread-safe.
 */
public final class InMemorySeenEventIndex implements SeenEventIndex {

    private final Duration horizon;
    private final Map<DedupPartition, Partition> partitions = new HashMap<>();
    private int rememberCalls;

    public InMemorySeenEventIndex(Duration horizon) {
        this.horizon = requireNonNull(horizon, "horizon is null");
        if (horizon.isNegative()) {
            throw new IllegalArgumentException("horizon is negative: " + horizon);
        }
    }

    @Override
    public Duration horizon() {
        return horizon;
    }

    @Override
    public synchronized Map<EventKey, SeenEvent> lookup(DedupPartition partition, Collection<EventKey> keys) {
        requireNonNull(partition, "partition is null");
        requireNonNull(keys, "keys is null");
        Partition p = partitions.get(partition);
        Map<EventKey, SeenEvent> found = new LinkedHashMap<>();
        if (p == null) {
            return found;
        }
        Instant oldest = p.watermark.minus(horizon);
        for (EventKey key : keys) {
            SeenEvent entry = p.entries.get(key);
            if (entry != null && !entry.ingestTime().isBefore(oldest)) {
                found.put(key, entry);
            }
        }
        return found;
    }

    @Override
    public synchronized void remember(DedupPartition partition, List<SeenEvent> entries) {
        requireNonNull(partition, "partition is null");
        requireNonNull(entries, "entries is null");
        rememberCalls++;
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
        for (SeenEvent entry : entries) {
            if (entry.ingestTime().isAfter(p.watermark)) {
                p.watermark = entry.ingestTime();
            }
        }
        Instant oldest = p.watermark.minus(horizon);
        p.entries.values().removeIf(e -> e.ingestTime().isBefore(oldest));
        for (SeenEvent entry : entries) {
            if (!entry.ingestTime().isBefore(oldest)) {
                p.entries.putIfAbsent(entry.key(), entry);
            }
        }
    }

    /** Entries held for {@code partition}, expired ones already evicted. */
    public synchronized int size(DedupPartition partition) {
        Partition p = partitions.get(partition);
        return p == null ? 0 : p.entries.size();
    }

    /** How often {@link #remember} was called, for tests of the commit order. */
    public synchronized int rememberCalls() {
        return rememberCalls;
    }

    private static final class Partition {
        private final Map<EventKey, SeenEvent> entries = new HashMap<>();
        private Instant watermark = Instant.MIN;
    }
}
