package dev.sluice.ingestion.http;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each configuration record: its defaults, and an explicit mapping of every property. */
class CollectorConfigTest {

    @Test
    void defaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(), "no-defaults-file")) {
            assertThat(context.getBean(CollectorConfig.class)).isEqualTo(new CollectorConfig("telemetry.events.raw",
                    10 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(20), 65536));
            assertThat(context.getBean(RateLimitConfig.class)).isEqualTo(new RateLimitConfig(true, 100, 200));
            assertThat(context.getBean(KafkaProducerConfig.class)).isEqualTo(new KafkaProducerConfig(
                    context.getProperty("sluice.collector.kafka.bootstrap-servers", String.class).orElse("localhost:9092"),
                    Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(5),
                    2 * 1024 * 1024, "lz4"));
            assertThat(context.getBeansOfType(ApiKeyConfig.class)).isEmpty();
        }
    }

    @Test
    void explicitMapping() {
        try (ApplicationContext context = ApplicationContext.run(Map.ofEntries(
                Map.entry("sluice.collector.raw-topic", "raw.x"),
                Map.entry("sluice.collector.max-body-bytes", "2048"),
                Map.entry("sluice.collector.retry-after", "11s"),
                Map.entry("sluice.collector.ack-timeout", "3s"),
                Map.entry("sluice.collector.oversized-prefix-bytes", "128"),
                Map.entry("sluice.collector.rate-limit.enabled", "false"),
                Map.entry("sluice.collector.rate-limit.requests-per-second", "2.5"),
                Map.entry("sluice.collector.rate-limit.burst", "7"),
                Map.entry("sluice.collector.kafka.bootstrap-servers", "k1:9092,k2:9092"),
                Map.entry("sluice.collector.kafka.delivery-timeout", "30s"),
                Map.entry("sluice.collector.kafka.max-block", "2s"),
                Map.entry("sluice.collector.kafka.request-timeout", "3s"),
                Map.entry("sluice.collector.kafka.linger", "20ms"),
                Map.entry("sluice.collector.kafka.max-request-bytes", "4194304"),
                Map.entry("sluice.collector.kafka.compression", "zstd"),
                Map.entry("sluice.collector.api-keys.acme-prod.sha256", "ab".repeat(32)),
                Map.entry("sluice.collector.api-keys.acme-prod.sources", List.of("acme", "acme-web")),
                Map.entry("sluice.collector.api-keys.acme-prod.requests-per-second", "3"),
                Map.entry("sluice.collector.api-keys.acme-prod.burst", "9")))) {
            assertThat(context.getBean(CollectorConfig.class)).isEqualTo(
                    new CollectorConfig("raw.x", 2048, Duration.ofSeconds(11), Duration.ofSeconds(3), 128));
            assertThat(context.getBean(RateLimitConfig.class)).isEqualTo(new RateLimitConfig(false, 2.5, 7));
            assertThat(context.getBean(KafkaProducerConfig.class)).isEqualTo(new KafkaProducerConfig("k1:9092,k2:9092",
                    Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(20),
                    4 * 1024 * 1024, "zstd"));
            assertThat(context.getBeansOfType(ApiKeyConfig.class)).containsExactly(
                    new ApiKeyConfig("acme-prod", "ab".repeat(32), List.of("acme", "acme-web"), 3.0, 9));
            assertThat(context.getProperty("micronaut.server.max-request-size", Long.class)).contains(2048L);
        }
    }

    @Test
    void producerIsIdempotentWithAcksAllAndBoundedWaits() {
        Map<String, Object> p = CollectorFactory.producerProperties(new KafkaProducerConfig("k:9092",
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(5), 2097152, "lz4"));

        assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("delivery.timeout.ms", 10_000).containsEntry("max.block.ms", 5_000L)
                .containsEntry("max.request.size", 2097152).containsEntry("max.in.flight.requests.per.connection", 5);
    }
}
