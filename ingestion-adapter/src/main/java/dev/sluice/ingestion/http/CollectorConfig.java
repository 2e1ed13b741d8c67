package dev.sluice.ingestion.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The HTTP collector's settings ({@code sluice.collector.*}).
 *
 * @param rawTopic where accepted items go
 * @param maxBodyBytes the largest request body (10 MiB); also sets Micronaut's max request size
 * @param retryAfter the {@code Retry-After} of a 503 when Kafka does not acknowledge
 * @param ackTimeout how long a request waits for Kafka's acknowledgements at most; keep it above
 *        the producer's {@code delivery.timeout.ms} so that the producer fails first
 * @param oversizedPrefixBytes how many leading bytes of an oversized item travel in its truncated record
 */
@ConfigurationProperties("sluice.collector")
record CollectorConfig(
        @Bindable(defaultValue = "telemetry.events.raw") String rawTopic,
        @Bindable(defaultValue = "10485760") int maxBodyBytes,
        @Bindable(defaultValue = "5s") Duration retryAfter,
        @Bindable(defaultValue = "20s") Duration ackTimeout,
        @Bindable(defaultValue = "65536") int oversizedPrefixBytes) {

    CollectorConfig {
        if (rawTopic == null || rawTopic.isBlank()) {
            throw new IllegalArgumentException("sluice.collector.raw-topic is blank");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("sluice.collector.max-body-bytes must be positive, got " + maxBodyBytes);
        }
        if (oversizedPrefixBytes < 0) {
            throw new IllegalArgumentException("sluice.collector.oversized-prefix-bytes is negative: " + oversizedPrefixBytes);
        }
    }

    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
