package dev.sluice.domain.application.port.out;

import dev.sluice.domain.model.dedup.DedupPartition;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Remembers which events were stored, so that dedup is exact over the late window. It holds one
 * {@link SeenEvent} per stored event: a 128-bit key, a 64-bit content fingerprint and the ingest
 * time, so an adapter can pack an entry in at most 32 bytes (an open-addressing table of packed
 * slots, or an off-heap store). It is partitioned like the stream
 * ({@link DedupPartition}), so it scales and moves with the consumers.
 *
 * <p>Contract, per partition:
 * <ol>
 *   <li><b>Ready before use.</b> Before the first {@link #lookup} of a partition (at start and on
 *       every assignment) the adapter loads its entries: from a persisted snapshot, or rebuilt
 *       from the lake's stored events (key, fingerprint, ingest time) over the horizon. A partition
 *       it cannot serve exactly makes {@code lookup} throw an
 *       {@link dev.sluice.domain.model.error.InfrastructureException}
 *       ({@code SEEN_EVENT_INDEX_UNAVAILABLE}); it never answers "not seen" instead.</li>
 *   <li><b>Lookup.</b> {@link #lookup} returns, for each given key that is remembered and not
 *       expired, the entry of the first stored copy. Keys not seen are absent from the map. Lookups
 *       see remembered entries only, never anything of a batch still being written.</li>
 *   <li><b>Remember after commit.</b> The use case calls {@link #remember} only after the lake has
 *       committed the batch, with the entries of its stored events. An entry whose key is already
 *       remembered and not expired is ignored: the first copy wins, so remembering is idempotent.
 *       If {@code remember} throws, the partition's state is unknown: the adapter must reload it
 *       before serving it again. (A crash between the lake commit and {@code remember} is covered
 *       by rule 1: the entries are in the lake.)</li>
 *   <li><b>Expiry in stream time.</b> A partition's watermark is the greatest ingest time it has
 *       remembered. An entry whose ingest time is before {@code watermark − horizon()} is expired:
 *       never returned, and free to be evicted. The wall clock plays no part, so a replay of the
 *       stream gives the live run's answers. Expiry is exact when ingest times do not go back
 *       within a partition (broker LogAppendTime); an adapter that reads CreateTime topics adds its
 *       tolerated jitter to the horizon.</li>
 *   <li><b>Collisions never drop events.</b> A key hit whose fingerprint differs from the
 *       candidate's is a conflicting duplicate (a dead letter, kept), never a silent drop. A wrong
 *       "duplicate" would need both the key and the 64-bit fingerprint to collide. An adapter may
 *       hold fewer key bits to fit its memory budget, but at least 96: keys that agree in all the
 *       bits it holds are one key to it, and only the fingerprint (which covers the source and
 *       the event id too) then tells the events apart.</li>
 *   <li>Methods may be called from several threads, for different partitions at once.</li>
 * </ol>
 */
public interface SeenEventIndex {

    /**
     * How long, in ingest time, entries are remembered: at least the longest late window plus the
     * longest future skew ({@link dev.sluice.domain.model.lateness.LatenessWindows#dedupHorizon()}).
     */
    Duration horizon();

    /** The unexpired entries of {@code keys} in {@code partition}; keys not seen are absent. */
    Map<EventKey, SeenEvent> lookup(DedupPartition partition, Collection<EventKey> keys);

    /** Remembers the entries of events the lake has committed, first copy winning. */
    void remember(DedupPartition partition, List<SeenEvent> entries);
}
