package dev.sluice.domain.model.ingest;

import dev.sluice.domain.model.dedup.DedupPartition;

/**
 * Where an item came from, precisely enough to find it again and to replay it: a Kafka record's
 * topic, partition and offset, or an HTTP request id and the item's index in that request.
 * Coordinates identify one input item: the dead-letter sink is idempotent by them.
 */
public sealed interface ChannelCoordinates permits KafkaCoordinates, HttpCoordinates {

    /**
     * The dedup partition the item belongs to. Dedup is exact within a partition; duplicates of an
     * event must reach the same partition (the raw topic is keyed by event_id, and a source topic
     * keyed by customer_id keeps a retried event's key).
     */
    DedupPartition dedupPartition();

    /** A short human form, for details and logs. */
    String describe();
}
