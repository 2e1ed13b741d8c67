package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.out.SeenEventIndex;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.DedupPartition;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;
import dev.sluice.domain.model.error.DomainErrorCode;
import dev.sluice.domain.model.error.InfrastructureException;
import dev.sluice.domain.model.ingest.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The seen-event index of the Kafka pipeline: one {@link PackedSeenEventTable} per stream
 * partition (dedup partition {@code topic-partition}), loaded on assignment by replaying the lake's
 * own stored events over the horizon ({@link SeenEventHistory}), dropped on revocation. A partition
 * that is not loaded, or whose {@code remember} failed, is not served: {@code lookup} throws
 * {@code SEEN_EVENT_INDEX_UNAVAILABLE} until it is loaded again, it never answers "not seen".
 *
 * <p>Thread-safe: each partition's table is guarded by its own lock.
 */
final class PartitionedSeenEventIndex implements SeenEventIndex {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSeenEventIndex.class);

    private final Duration horizon;
    private final long horizonMillis;
    private final Map<DedupPartition, PackedSeenEventTable> tables = new ConcurrentHashMap<>();

    PartitionedSeenEventIndex(Duration horizon) {
        this.horizon = requireNonNull(horizon, "horizon is null");
        this.horizonMillis = horizon.toMillis();
        new PackedSeenEventTable(horizonMillis, 0); // validates the horizon
    }

    static DedupPartition partitionOf(TopicPartition tp) {
        return new DedupPartition(tp.topic() + "-" + tp.partition());
    }

    @Override
    public Duration horizon() {
        return horizon;
    }

    /** Loads {@code partition} from {@code history}, replacing what was held. Returns the entries held. */
    int load(TopicPartition partition, SeenEventHistory history) {
        DedupPartition id = partitionOf(partition);
        tables.remove(id);
        long started = System.nanoTime();
        PackedSeenEventTable table = new PackedSeenEventTable(horizonMillis, 1024);
        long replayed = history.replay(partition, horizon, e -> table.put(e.key().high(), e.key().low(),
                e.fingerprint().value(), e.ingestTime().toEpochMilli()));
        tables.put(id, table);
        LOG.info("Seen-event index of {} rebuilt from the lake: {} rows read, {} entries held, {} bytes, {} ms",
                partition, replayed, table.size(), table.memoryBytes(), (System.nanoTime() - started) / 1_000_000);
        return table.size();
    }

    /** Makes {@code partition} ready and empty: for a partition the lake holds nothing of, and for tests. */
    void loadEmpty(DedupPartition partition) {
        tables.put(partition, new PackedSeenEventTable(horizonMillis, 1024));
    }

    /** Stops serving {@code partition} (revoked, or its state unknown). */
    void drop(TopicPartition partition) {
        tables.remove(partitionOf(partition));
    }

    boolean isReady(TopicPartition partition) {
        return tables.containsKey(partitionOf(partition));
    }

    /** Entries held across partitions, expired ones not yet dropped included. */
    long entries() {
        long n = 0;
        for (PackedSeenEventTable t : tables.values()) {
            n += t.size();
        }
        return n;
    }

    /** Bytes held by the slot arrays of every partition. */
    long memoryBytes() {
        long n = 0;
        for (PackedSeenEventTable t : tables.values()) {
            n += t.memoryBytes();
        }
        return n;
    }

    @Override
    public Map<EventKey, SeenEvent> lookup(DedupPartition partition, Collection<EventKey> keys) {
        requireNonNull(keys, "keys is null");
        PackedSeenEventTable table = ready(partition);
        Map<EventKey, SeenEvent> found = new HashMap<>();
        synchronized (table) {
            for (EventKey key : keys) {
                int slot = table.find(key.high(), key.low());
                if (slot >= 0) {
                    found.put(key, new SeenEvent(key, new ContentFingerprint(table.fingerprintAt(slot)),
                            Instant.ofEpochMilli(table.ingestMillisAt(slot))));
                }
            }
        }
        return found;
    }

    @Override
    public void remember(DedupPartition partition, List<SeenEvent> entries) {
        requireNonNull(entries, "entries is null");
        PackedSeenEventTable table = ready(partition);
        synchronized (table) {
            try {
                for (SeenEvent e : entries) {
                    table.advanceWatermark(e.ingestTime().toEpochMilli());
                }
                for (SeenEvent e : entries) {
                    table.put(e.key().high(), e.key().low(), e.fingerprint().value(), e.ingestTime().toEpochMilli());
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                tables.remove(partition, table);
                throw new InfrastructureException(DomainErrorCode.SEEN_EVENT_INDEX_UNAVAILABLE,
                        "Cannot remember " + entries.size() + " entries in partition " + partition
                                + "; it must be reloaded from the lake", e);
            }
        }
    }

    private PackedSeenEventTable ready(DedupPartition partition) {
        requireNonNull(partition, "partition is null");
        PackedSeenEventTable table = tables.get(partition);
        if (table == null) {
            throw new InfrastructureException(DomainErrorCode.SEEN_EVENT_INDEX_UNAVAILABLE,
                    "The seen-event index of partition " + partition + " is not loaded (not assigned, or its "
                            + "rebuild from the lake failed); it cannot answer exactly");
        }
        return table;
    }
}
