package dev.sluice.registry;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays the transactional outbox to Kafka: right after each change ({@link #kick()}) and on a
 * fixed interval, so that events written while Kafka was down are published when it returns.
 * The producer is idempotent with {@code acks=all}; each event is acknowledged before it is marked
 * published.
 */
@Context
@Requires(property = "sluice.registry.events.enabled", notEquals = "false")
class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final RegistryStore store;
    private final EventsConfig config;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-registry-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean topicsCreated = new AtomicBoolean();
    private volatile KafkaProducer<String, String> producer;

    OutboxRelay(RegistryStore store, EventsConfig config) {
        this.store = store;
        this.config = config;
        long every = Math.max(100, config.relayInterval().toMillis());
        executor.scheduleWithFixedDelay(this::relay, every, every, TimeUnit.MILLISECONDS);
    }

    /** Publishes pending events soon, on the relay's own thread. */
    void kick() {
        executor.execute(this::relay);
    }

    private void relay() {
        try {
            ensureTopics();
            while (store.publishPending(this::send) > 0) {
                // drain
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox relay to Kafka {} failed, retrying in {}: {}", config.bootstrapServers(),
                    config.relayInterval(), e.getMessage());
        }
    }

    private void send(String topic, String key, String payload) throws ExecutionException, InterruptedException {
        producer().send(new ProducerRecord<>(topic, key, payload)).get();
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "sluice-registry-outbox"),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Creates both topics with the broker's defaults if they are missing; a broker that refuses auto-creation still gets them. */
    private void ensureTopics() {
        if (topicsCreated.get()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            for (String topic : List.of(config.changedTopic(), config.alertsTopic())) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            topicsCreated.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 5 s", e);
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
