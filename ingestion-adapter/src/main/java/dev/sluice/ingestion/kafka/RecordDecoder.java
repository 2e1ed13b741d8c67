package dev.sluice.ingestion.kafka;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.model.envelope.EnvelopeMapping;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.ingestion.RawTopicHeaders;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParsedItem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The pipeline's decode step for one Kafka record: parse the value with the shared limits, and
 * build the domain's {@link IncomingEvent} with the record's coordinates, its timestamp as ingest
 * time, and the topic's envelope mapping (the raw topic: envelope v1; a source topic: its
 * configured {@code SourceMapping}). A truncated record from the collector becomes an OVERSIZED
 * item whose detail carries the original size and SHA-256.
 */
public final class RecordDecoder {

    private final JsonItemParser parser;
    private final Map<String, EnvelopeMapping> mappingByTopic;

    public RecordDecoder(JsonItemParser parser, Map<String, EnvelopeMapping> mappingByTopic) {
        this.parser = requireNonNull(parser, "parser is null");
        this.mappingByTopic = Map.copyOf(requireNonNull(mappingByTopic, "mappingByTopic is null"));
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

    public static String text(byte[] headerValue) {
        return headerValue == null ? null : new String(headerValue, StandardCharsets.UTF_8);
    }
}
