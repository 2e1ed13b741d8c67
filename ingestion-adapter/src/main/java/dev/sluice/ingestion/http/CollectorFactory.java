package dev.sluice.ingestion.http;

import dev.sluice.ingestion.parse.JsonItemParser;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wires the collector: plain classes built from configuration records. */
@Factory
class CollectorFactory {

    static final String PRODUCER = "collector";

    @Singleton
    ApiKeys apiKeys(List<ApiKeyConfig> keys) {
        return new ApiKeys(keys);
    }

    @Singleton
    RateLimiter rateLimiter(RateLimitConfig config) {
        return new RateLimiter(config, System::nanoTime);
    }

    @Singleton
    @Named(PRODUCER)
    @Bean(preDestroy = "close")
    Producer<byte[], byte[]> collectorProducer(KafkaProducerConfig config) {
        return new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Idempotent, acks=all, with every wait bounded so that a lost Kafka turns into a 503. */
    static Map<String, Object> producerProperties(KafkaProducerConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-collector");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxRequestBytes());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        return p;
    }

    @Singleton
    RawEventPublisher rawEventPublisher(@Named(PRODUCER) Producer<byte[], byte[]> producer, CollectorConfig config) {
        return new KafkaRawEventPublisher(producer, config.rawTopic(), config.ackTimeout());
    }

    @Singleton
    CollectorService collectorService(JsonItemParser parser, RawEventPublisher publisher, CollectorConfig config) {
        return new CollectorService(parser, publisher, config);
    }

    static final String RECEIVE_CLOCK = "sluice-receive-clock";

    @Singleton
    @Named(RECEIVE_CLOCK)
    InstantSource receiveClock() {
        return InstantSource.system();
    }
}
