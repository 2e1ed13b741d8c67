package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.in.IngestEventsUseCase;
import dev.sluice.domain.application.port.out.Clock;
import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.application.service.ingest.IngestEventsService;
import dev.sluice.domain.application.service.ingest.IngestPolicies;
import dev.sluice.domain.application.service.validation.SchemaValidator;
import dev.sluice.domain.model.dedup.ContentFingerprinter;
import dev.sluice.domain.model.dedup.DedupPolicy;
import dev.sluice.domain.model.envelope.EnvelopeMapping;
import dev.sluice.domain.model.envelope.EnvelopeV1Mapping;
import dev.sluice.domain.model.error.ConfigurationException;
import dev.sluice.domain.model.ingest.UnknownSubjectMode;
import dev.sluice.domain.model.ingest.UnknownSubjectPolicy;
import dev.sluice.domain.model.lateness.LatenessWindows;
import dev.sluice.domain.model.pii.PiiKeyRing;
import dev.sluice.domain.model.pii.PiiPolicy;
import dev.sluice.domain.model.pii.Pseudonymiser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the pipeline from plain values: the Micronaut factory, the tests, the crash-test child
 * and the benchmark all build it here, so they run the same code.
 */
final class Pipelines {

    private Pipelines() {
    }

    /** Topic → envelope mapping: the raw topic reads envelope v1, each source topic its mapping. */
    static Map<String, EnvelopeMapping> mappings(PipelineConfig config, List<SourceTopicConfig> sources) {
        Map<String, EnvelopeMapping> m = new LinkedHashMap<>();
        m.put(config.rawTopic(), EnvelopeV1Mapping.STRICT);
        for (SourceTopicConfig s : sources) {
            if (m.put(s.topicName(), s.toMapping()) != null) {
                throw new ConfigurationException("topic " + s.topicName() + " is configured twice in the pipeline");
            }
        }
        return m;
    }

    static IngestEventsUseCase useCase(PipelineConfig config, List<SourceTopicConfig> sources, SchemaCatalog catalog,
                                       PartitionedSeenEventIndex index, EventLake lake, DeadLetterSink deadLetters) {
        Map<String, UnknownSubjectMode> perSource = new HashMap<>();
        for (SourceTopicConfig s : sources) {
            if (s.unknownSubjects() != null && s.source() != null) {
                perSource.put(s.source(), s.unknownSubjects());
            }
        }
        String piiSecret = require(config.piiSecret(), "sluice.ingestion.pipeline.pii-secret");
        String fingerprintSecret = require(config.fingerprintSecret(), "sluice.ingestion.pipeline.fingerprint-secret");
        IngestPolicies policies = new IngestPolicies(
                new LatenessWindows(config.latenessWindow(), Map.of()),
                DedupPolicy.firstWins(),
                UnknownSubjectPolicy.perSource(perSource, config.unknownSubjects()),
                new Pseudonymiser(PiiKeyRing.single(config.piiKeyId(), piiSecret.getBytes(StandardCharsets.UTF_8)),
                        PiiPolicy.pseudonymiseLowAndHigh()),
                new ContentFingerprinter(fingerprintSecret.getBytes(StandardCharsets.UTF_8)));
        return new IngestEventsService(catalog, new SchemaValidator(), index, lake, deadLetters, Clock.system(), policies);
    }

    static KafkaConsumer<byte[], byte[]> consumer(PipelineConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.writerId() + "-consumer");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.putAll(config.consumerPropertiesOrEmpty());
        return new KafkaConsumer<>(p);
    }

    static KafkaProducer<byte[], byte[]> dlqProducer(PipelineConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.writerId() + "-dlq");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    static List<String> topics(PipelineConfig config, List<SourceTopicConfig> sources) {
        List<String> topics = new ArrayList<>(mappings(config, sources).keySet());
        return List.copyOf(topics);
    }

    static LakeWriterLoop.Settings settings(PipelineConfig config, List<SourceTopicConfig> sources) {
        return new LakeWriterLoop.Settings(topics(config, sources), config.writerId(), config.maxBatchEvents(),
                config.maxBatchInterval(), config.caughtUpBatchEvents(), config.pollTimeout(), config.retryBackoff());
    }

    private static String require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("Set " + key + " (a secret; keep it outside the lake)");
        }
        return value;
    }
}
