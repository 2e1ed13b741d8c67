package dev.sluice.lake;

import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;

import java.util.Set;

/**
 * The {@link EventLake} port (whose {@code claim} and {@code release} let a Kafka consumer own its
 * offsets through the lake) plus what the adapter's own tests and tools read back, and a close.
 * Lifecycle, for a consumer:
 * <ol>
 *   <li>On start and on every partition assignment, {@link #claim} the assigned partitions with the
 *       consumer group's generation id as epoch: it reads the committed offsets back from the
 *       tables' snapshot summaries and returns the positions to seek to. Partitions absent from
 *       the result were never committed: start them from the consumer's reset policy.</li>
 *   <li>For each batch: write dead letters to the {@code DeadLetterSink}, then
 *       {@link #begin()}, {@code write} each stored event, {@code complete} with the batch's positions; only then
 *       commit the consumer group's offsets (for lag monitoring; correctness never depends on them).</li>
 *   <li>On a {@code CommitFailedException} caused by {@link WriterFencedException}, or on a
 *       {@code CommitStateUnknownException}: claim again, seek to the returned positions and
 *       reprocess from there. Items already committed to a table are skipped for that table.</li>
 *   <li>On revocation, {@link #release} the partitions.</li>
 * </ol>
 * A partition that a batch's {@code write} or {@code complete} sees unclaimed is claimed implicitly with the lake's default
 * writer ({@code sluice.lake.writer-id}, epoch 0): offsets are still compared before each commit,
 * but only an explicit, growing epoch stops a stale writer before the new owner's first commit.
 * {@code claim} and {@code release} are in the domain port since ADR-090.
 */
public interface ExactlyOnceLake extends EventLake, AutoCloseable {

    /** The positions committed in the watermark table ({@code telemetry.events}), committed last in each batch. */
    StreamPositions committedPositions(Set<TopicPartition> partitions);

    @Override
    void close();
}
