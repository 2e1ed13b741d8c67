package dev.sluice.ingestion.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The collector's Kafka producer ({@code sluice.collector.kafka.*}). It is always idempotent with
 * {@code acks=all}; these are the bounds that turn an unreachable Kafka into a 503 instead of a
 * hung request.
 *
 * @param bootstrapServers the brokers
 * @param deliveryTimeout {@code delivery.timeout.ms}: the longest a record may wait for its ack
 * @param maxBlock {@code max.block.ms}: the longest {@code send} waits for metadata or buffer space
 * @param requestTimeout {@code request.timeout.ms}
 * @param linger {@code linger.ms}
 * @param maxRequestBytes {@code max.request.size}; the raw topic's {@code max.message.bytes} must be
 *        at least the per-event limit plus headers (2 MiB by default)
 * @param compression {@code compression.type}
 */
@ConfigurationProperties("sluice.collector.kafka")
record KafkaProducerConfig(
        @Bindable(defaultValue = "localhost:9092") String bootstrapServers,
        @Bindable(defaultValue = "10s") Duration deliveryTimeout,
        @Bindable(defaultValue = "5s") Duration maxBlock,
        @Bindable(defaultValue = "5s") Duration requestTimeout,
        @Bindable(defaultValue = "5ms") Duration linger,
        @Bindable(defaultValue = "2097152") int maxRequestBytes,
        @Bindable(defaultValue = "lz4") String compression) {
}
