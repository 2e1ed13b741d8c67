package dev.sluice.ingestion.kafka;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.model.envelope.EnvelopeMapping;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.ingest.ReplayOverride;
import dev.sluice.ingestion.RawTopicHeaders;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParsedItem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * The pipeline's decode step for one Kafka record: parse the value with the shared limits, and
 * build the domain's {@link IncomingEvent} with the record's coordinates, its timestamp as ingest
 * time, and the topic's envelope mapping (the raw topic: envelope v1; a source topic: its
 * configured {@code SourceMapping}). A truncated record from the collector becomes an OVERSIZED
 * item whose detail carries the original size and SHA-256. A record replayed from a dead-letter
 * topic with a valid {@link ReplaySignature} carries its overrides into the domain; an override
 * whose signature does not hold (or that arrives while no replay secret is configured) is ignored
 * and counted, and the event meets the lateness policy like any other.
 */
public final class RecordDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private final JsonItemParser parser;
    private final Map<String, EnvelopeMapping> mappingByTopic;
    private final ReplaySignature replay;
    private final LongAdder overridesAccepted = new LongAdder();
    private final LongAdder overridesRefused = new LongAdder();

    /** A decoder that refuses every replay override (no replay secret). */
    public RecordDecoder(JsonItemParser parser, Map<String, EnvelopeMapping> mappingByTopic) {
        this(parser, mappingByTopic, null);
    }

    /**
     * @param replay the replay secret's verifier, or null to refuse every override
     */
    public RecordDecoder(JsonItemParser parser, Map<String, EnvelopeMapping> mappingByTopic, ReplaySignature replay) {
        this.parser = requireNonNull(parser, "parser is null");
        this.mappingByTopic = Map.copyOf(requireNonNull(mappingByTopic, "mappingByTopic is null"));
        this.replay = replay;
    }

    /** A Kafka record, with the collector's and the replay tool's headers; see the other {@code decode}. */
    public IncomingEvent decode(ConsumerRecord<byte[], byte[]> r) {
        IncomingEvent event = decode(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value(),
                header(r, RawTopicHeaders.TRUNCATED), header(r, RawTopicHeaders.ORIGINAL_SIZE),
                header(r, RawTopicHeaders.ORIGINAL_SHA256));
        String overrides = header(r, ReplaySignature.OVERRIDES_HEADER);
        if (overrides == null) {
            return event;
        }
        Optional<Set<ReplayOverride>> verified = replay == null ? Optional.empty()
                : replay.verify(r.topic(), overrides, header(r, ReplaySignature.SIGNATURE_HEADER), r.value());
        if (verified.isEmpty()) {
            overridesRefused.increment();
            long refused = overridesRefused.sum();
            // Any producer can set the header: log the first ten, then at powers of two, never a flood.
            if (refused <= 10 || Long.bitCount(refused) == 1) {
                LOG.warn("Replay override {} on {}-{}@{} refused ({} so far): {}; the event meets the lateness policy as it is",
                        overrides, r.topic(), r.partition(), r.offset(), refused, replay == null
                                ? "no replay secret is configured (sluice.ingestion.pipeline.replay-secret)"
                                : "its signature does not match the configured replay secret");
            }
            return event;
        }
        overridesAccepted.increment();
        return event instanceof IncomingEvent.Parsed p ? p.withOverrides(verified.get()) : event;
    }

    /** Records whose replay overrides were applied. */
    public long overridesAccepted() {
        return overridesAccepted.sum();
    }

    /** Records whose replay overrides were ignored: a bad signature, or no replay secret. */
    public long overridesRefused() {
        return overridesRefused.sum();
    }

    /**
     * @param value the record's value; the decoder keeps the array, so the caller hands it over and
     *              never writes it again (Kafka's {@code ByteArrayDeserializer} gives each record a fresh array)
     * @param truncatedHeader the value of {@link RawTopicHeaders#TRUNCATED}, or null
     * @param originalSize the value of {@link RawTopicHeaders#ORIGINAL_SIZE}, or null
     * @param originalSha256 the value of {@link RawTopicHeaders#ORIGINAL_SHA256}, or null
     */
    public IncomingEvent decode(String topic, int partition, long offset, long timestampMillis, byte[] value,
                         String truncatedHeader, String originalSize, String originalSha256) {
        EnvelopeMapping mapping = mappingByTopic.get(topic);
        if (mapping == null) {
            throw new IllegalArgumentException("No envelope mapping is configured for topic " + topic);
        }
        KafkaCoordinates channel = new KafkaCoordinates(topic, partition, offset);
        Instant ingestTime = Instant.ofEpochMilli(timestampMillis);
        byte[] bytes = value == null ? new byte[0] : value;
        if ("true".equals(truncatedHeader)) {
            return IncomingEvent.unparseable(DeadLetterReason.OVERSIZED,
                    "the event was " + originalSize + " bytes (sha256 " + originalSha256 + "), more than the limit of "
                            + parser.limits().maxEventBytes() + " bytes; only its first " + bytes.length
                            + " bytes were kept", RawBytes.adopt(bytes), channel, ingestTime);
        }
        // The record's value array is the caller's own and never written again (see the parameter): the
        // parser and RawBytes keep it without a copy.
        return switch (parser.parseOwnedDocument(bytes)) {
            case ParsedItem.Parsed p -> IncomingEvent.parsed(p.value(), RawBytes.adopt(p.bytes()), channel, ingestTime, mapping);
            case ParsedItem.Unparseable u -> IncomingEvent.unparseable(u.reason(), u.detail(),
                    RawBytes.adopt(u.bytes()), channel, ingestTime);
        };
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : text(h.value());
    }

    public static String text(byte[] headerValue) {
        return headerValue == null ? null : new String(headerValue, StandardCharsets.UTF_8);
    }
}
