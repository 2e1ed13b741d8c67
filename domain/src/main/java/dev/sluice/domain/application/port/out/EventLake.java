package dev.sluice.domain.application.port.out;

import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.ingest.WriterEpoch;

import java.util.Set;

/**
 * Where accepted events are stored (Iceberg tables: the envelope table and one typed table per
 * subject). The adapter owns atomicity and exactly-once.
 *
 * <p>Contract:
 * <ol>
 *   <li>{@link #begin} opens a {@link PendingAppend} for one batch. The batch's stream positions are
 *       not known yet: a streaming caller decides and writes its input chunk by chunk.</li>
 *   <li>{@link PendingAppend#write} is called once per stored event, in input order, possibly over a
 *       long time and interleaved with the caller's decoding of further input.</li>
 *   <li>{@link PendingAppend#complete(StreamPositions)} is given the stream positions just after the
 *       last input item of the batch (every input item counts, whatever its outcome; every written
 *       event's partition must be among them) and commits the events and the positions
 *       atomically: readers see all of the batch or none of it, and the committed positions say
 *       exactly which input was consumed. A batch with no stored event is still completed when it
 *       has positions, so that positions advance past duplicates and dead letters.</li>
 *   <li>A restarted or reassigned consumer reads the committed positions back from the lake
 *       ({@link #claim}) and resumes there. The adapter refuses a commit whose positions do not all advance past the
 *       committed ones (a stale, fenced writer, or a batch committed already) with
 *       {@link dev.sluice.domain.model.error.CommitFailedException}; the caller then re-reads the
 *       committed positions and seeks to them.</li>
 *   <li>{@link PendingAppend#close} after a failed or abandoned batch leaves nothing visible.</li>
 * </ol>
 */
public interface EventLake {

    /**
     * Makes {@code writer} the committer of {@code partitions} and returns the next offsets the lake
     * has committed for them (the positions of the last completed batch); a partition that was never
     * committed is absent. The caller seeks there. A consumer claims on every assignment (the first
     * one included) with an epoch that grows whenever partitions move between writers (the consumer
     * group's generation), and again after a commit that failed or whose state is unknown. An adapter
     * shared by several writers refuses, from then on, the commits of a writer of a smaller epoch for
     * these partitions.
     */
    StreamPositions claim(WriterEpoch writer, Set<TopicPartition> partitions);

    /** Gives up {@code partitions} (revoked or lost); a later batch of them claims them again first. */
    void release(Set<TopicPartition> partitions);

    /** Starts appending a batch; its positions are given to {@link PendingAppend#complete(StreamPositions)}. */
    PendingAppend begin();
}
