package dev.sluice.domain.model.ingest;

import static java.util.Objects.requireNonNull;

/**
 * Who writes, and since which assignment. The epoch must grow each time partitions move between
 * writers; the Kafka consumer group's generation id ({@code consumer.groupMetadata().generationId()})
 * does. A commit is refused for a partition whose table already holds a greater epoch.
 *
 * @param writerId a stable, human-readable id of the writer instance (host, pod, member id)
 * @param epoch the assignment generation, 0 or more
 */
public record WriterEpoch(String writerId, long epoch) {

    public WriterEpoch {
        requireNonNull(writerId, "writerId is null");
        if (writerId.isBlank()) {
            throw new IllegalArgumentException("writerId is blank");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch of writer " + writerId + " is negative: " + epoch);
        }
    }
}
