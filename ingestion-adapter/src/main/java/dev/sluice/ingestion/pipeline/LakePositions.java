package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;

import java.util.Set;

/**
 * The lake's side of owning Kafka offsets, as the pipeline needs it. The lake keeps the next offset
 * of every partition in its snapshot summaries; the pipeline never trusts the consumer group's
 * offsets for correctness.
 *
 * <p>Lifecycle, per consumer:
 * <ol>
 *   <li>On every partition assignment (the first one included), {@link #claim} the assigned
 *       partitions with the group generation as epoch, and seek to the positions returned; a
 *       partition absent from them was never committed and starts from the beginning.</li>
 *   <li>On revocation or loss, {@link #release} them; the lake refuses commits of a writer whose
 *       epoch or expected offsets are stale.</li>
 *   <li>After a commit that failed or whose state is unknown, claim again and seek.</li>
 * </ol>
 * The lake adapter implements this (its {@code ExactlyOnceLake}); the deployable bridges the two,
 * because adapters never import each other. The lake ADR proposes moving it into the domain's
 * {@code EventLake} port.
 */
public interface LakePositions {

    /** Makes ({@code writerId}, {@code epoch}) the committer of {@code partitions}; returns their committed next offsets. */
    StreamPositions claim(String writerId, int epoch, Set<TopicPartition> partitions);

    /** Gives up {@code partitions}. */
    void release(Set<TopicPartition> partitions);
}
