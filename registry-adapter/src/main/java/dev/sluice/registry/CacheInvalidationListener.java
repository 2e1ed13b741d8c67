package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Follows {@code registry.schemas.changed} and invalidates the {@link CachingSchemaCatalog}
 * entries of each changed subject. Every instance reads every partition from its end, without a
 * consumer group (each instance needs every event). Whenever the feed starts or restarts, the whole
 * cache is dropped, because events may have been missed in between.
 */
@Context
@Requires(property = "sluice.registry.events.enabled", notEquals = "false")
class CacheInvalidationListener {

    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidationListener.class);

    private final CachingSchemaCatalog catalog;
    private final EventsConfig config;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    CacheInvalidationListener(CachingSchemaCatalog catalog, EventsConfig config) {
        this.catalog = catalog;
        this.config = config;
        this.thread = Thread.ofPlatform().name("sluice-registry-invalidation").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.CLIENT_ID_CONFIG, "sluice-registry-invalidation",
                    ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                List<PartitionInfo> partitions = c.partitionsFor(config.changedTopic(), Duration.ofSeconds(5));
                if (partitions == null || partitions.isEmpty()) {
                    pause();
                    continue;
                }
                List<TopicPartition> assigned = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(assigned);
                c.seekToEnd(assigned);
                assigned.forEach(c::position);
                catalog.invalidateAll();
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> r : records) {
                        invalidate(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Schema change feed {} interrupted, dropping the whole cache: {}", config.changedTopic(), e.getMessage());
                catalog.invalidateAll();
                pause();
            }
        }
    }

    private void invalidate(ConsumerRecord<String, String> r) {
        String subject = r.key();
        try {
            JsonNode event = CanonicalCodec.read(r.value());
            subject = event.path("subject").asText(subject);
        } catch (IllegalArgumentException e) {
            LOG.warn("Unreadable schema change event at {}-{}@{}", r.topic(), r.partition(), r.offset());
        }
        if (subject == null || subject.isBlank()) {
            catalog.invalidateAll();
        } else {
            try {
                catalog.invalidate(subject);
            } catch (IllegalArgumentException e) {
                catalog.invalidateAll();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void close() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
