package dev.sluice.domain.model.ingest;

import dev.sluice.domain.model.dedup.DedupPartition;

import static java.util.Objects.requireNonNull;

/** A Kafka record: topic, partition and offset. Its dedup partition is the topic partition. */
public record KafkaCoordinates(String topic, int partition, long offset) implements ChannelCoordinates {

    public KafkaCoordinates {
        requireNonNull(topic, "topic is null");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic is blank");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition of " + topic + " is negative: " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset in " + topic + "-" + partition + " is negative: " + offset);
        }
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public DedupPartition dedupPartition() {
        return new DedupPartition(topic + "-" + partition);
    }

    @Override
    public String describe() {
        return topic + "-" + partition + "@" + offset;
    }
}
