package dev.sluice.domain.model.dedup;

import static java.util.Objects.requireNonNull;

/**
 * A partition of the seen-event index. It follows the stream's partitions (a Kafka topic
 * partition, {@code telemetry.events.raw-3}), so the index scales and moves with the consumers:
 * an adapter loads a partition's entries when the partition is assigned and drops them when it is
 * revoked.
 */
public record DedupPartition(String id) {

    public DedupPartition {
        requireNonNull(id, "id is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("dedup partition id is blank");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
