package dev.sluice.domain.model.ingest;

import static java.util.Objects.requireNonNull;

/** A partition of a topic, without depending on Kafka's own class. */
public record TopicPartition(String topic, int partition) {

    public TopicPartition {
        requireNonNull(topic, "topic is null");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic is blank");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition of " + topic + " is negative: " + partition);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
