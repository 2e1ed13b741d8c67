package dev.sluice.domain.model.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The next offset to consume per topic partition after a batch: one more than the greatest
 * offset of the batch's items, whatever became of them (stored, duplicate or dead letter). The
 * lake commits these with the batch (in the snapshot summary), so a restarted consumer seeks to
 * exactly where the last commit ended. HTTP items have no position.
 *
 * @param nextOffsets next offset per partition
 */
public record StreamPositions(Map<TopicPartition, Long> nextOffsets) {

    public static final StreamPositions NONE = new StreamPositions(Map.of());

    public StreamPositions {
        requireNonNull(nextOffsets, "nextOffsets is null");
        Map<TopicPartition, Long> copy = new LinkedHashMap<>();
        nextOffsets.forEach((tp, next) -> {
            requireNonNull(tp, "topic partition is null");
            requireNonNull(next, () -> "next offset of " + tp + " is null");
            if (next < 0) {
                throw new IllegalArgumentException("next offset of " + tp + " is negative: " + next);
            }
            copy.put(tp, next);
        });
        nextOffsets = Collections.unmodifiableMap(copy);
    }

    /** The positions just after the given items. */
    public static StreamPositions after(Iterable<? extends ChannelCoordinates> items) {
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (ChannelCoordinates c : items) {
            if (c instanceof KafkaCoordinates k) {
                next.merge(k.topicPartition(), k.offset() + 1, Math::max);
            }
        }
        return new StreamPositions(next);
    }

    public Optional<Long> nextOffset(TopicPartition partition) {
        return Optional.ofNullable(nextOffsets.get(partition));
    }

    public boolean isEmpty() {
        return nextOffsets.isEmpty();
    }
}
