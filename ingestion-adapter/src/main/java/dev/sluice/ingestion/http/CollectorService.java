package dev.sluice.ingestion.http;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.ingestion.IngestionErrorCode;
import dev.sluice.ingestion.RawTopicHeaders;
import dev.sluice.ingestion.parse.BodyFormat;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParsedItem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The collector's decisions for one request, free of HTTP types: split and parse the body, decide
 * each item, write what must be kept to the raw topic, and wait for Kafka's acknowledgement.
 *
 * <p>Per item:
 * <ol>
 *   <li>Unparseable (NOT_JSON, UNSUPPORTED_ENCODING, OVERSIZED, TOO_DEEP): written with a null key
 *       and reported rejected, kept as a dead letter. An item larger than the per-event limit cannot
 *       travel through Kafka as is: its record holds a prefix, with the full size and SHA-256 in
 *       headers.</li>
 *   <li>JSON without a readable source (not an object; {@code source} neither a string nor an object
 *       with a string {@code service}): written and reported INVALID_ENVELOPE, kept as a dead letter.</li>
 *   <li>A source the key may not send: reported SOURCE_NOT_ALLOWED and not written. When no item of
 *       the request is writable for that reason alone, the whole request is a 403.</li>
 *   <li>Otherwise accepted and written, keyed by its {@code event_id} when it is a non-blank string.</li>
 * </ol>
 */
final class CollectorService {

    private final JsonItemParser parser;
    private final RawEventPublisher publisher;
    private final CollectorConfig config;

    CollectorService(JsonItemParser parser, RawEventPublisher publisher, CollectorConfig config) {
        this.parser = requireNonNull(parser, "parser is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** The body format for a {@code Content-Type}, or a 415 {@link CollectorException}. */
    static BodyFormat formatOf(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported(contentType);
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].strip().split("=", 2);
            if (param.length == 2 && param[0].strip().equalsIgnoreCase("charset")
                    && !param[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                throw unsupported(contentType);
            }
        }
        return switch (type) {
            case "application/json" -> BodyFormat.JSON;
            case "application/x-ndjson" -> BodyFormat.NDJSON;
            default -> throw unsupported(contentType);
        };
    }

    private static CollectorException unsupported(String contentType) {
        return new CollectorException(IngestionErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json (one event or an array) or application/x-ndjson, in UTF-8; got "
                        + (contentType == null || contentType.isBlank() ? "none" : "'" + contentType + "'"));
    }

    IngestResponse ingest(ApiKeys.Key key, String contentType, byte[] body, String requestId, Instant receivedAt) {
        BodyFormat format = formatOf(contentType);
        if (body.length > config.maxBodyBytes()) {
            throw new CollectorException(IngestionErrorCode.BODY_TOO_LARGE, "The body is " + body.length
                    + " bytes, more than the limit of " + config.maxBodyBytes() + " bytes");
        }
        List<ParsedItem> items = parser.split(body, format);
        if (items.isEmpty()) {
            throw new CollectorException(IngestionErrorCode.EMPTY_BODY, "The body holds no event");
        }
        long timestamp = receivedAt.toEpochMilli();
        List<RawRecord> records = new ArrayList<>(items.size());
        List<IngestResponse.ItemError> errors = new ArrayList<>();
        TreeSet<String> refusedSources = new TreeSet<>();
        int accepted = 0;
        for (int index = 0; index < items.size(); index++) {
            ParsedItem item = items.get(index);
            switch (item) {
                case ParsedItem.Unparseable u -> {
                    records.add(record(null, u.bytes(), timestamp, key, contentType, requestId, index));
                    errors.add(new IngestResponse.ItemError(index, u.reason().name(), u.detail(), true));
                }
                case ParsedItem.Parsed p -> {
                    String source = sourceOf(p.value());
                    byte[] recordKey = eventIdOf(p.value());
                    if (source == null) {
                        records.add(record(recordKey, p.bytes(), timestamp, key, contentType, requestId, index));
                        errors.add(new IngestResponse.ItemError(index, IngestionErrorCode.INVALID_ENVELOPE.name(),
                                p.value() instanceof ObjectValue
                                        ? "The event has no readable 'source' (a string, or an object with a string 'service')"
                                        : "The item is JSON but not an object: " + p.value().kind().name().toLowerCase(Locale.ROOT),
                                true));
                    } else if (!key.mayWrite(source)) {
                        refusedSources.add(source);
                        errors.add(new IngestResponse.ItemError(index, IngestionErrorCode.SOURCE_NOT_ALLOWED.name(),
                                "API key '" + key.id() + "' may not send events of source '" + source + "'", false));
                    } else {
                        records.add(record(recordKey, p.bytes(), timestamp, key, contentType, requestId, index));
                        accepted++;
                    }
                }
            }
        }
        if (records.isEmpty()) {
            throw new CollectorException(IngestionErrorCode.SOURCE_NOT_ALLOWED, "API key '" + key.id()
                    + "' may not send events of source" + (refusedSources.size() > 1 ? "s " : " ")
                    + String.join(", ", refusedSources.stream().map(s -> "'" + s + "'").toList()));
        }
        try {
            publisher.publishAll(records);
        } catch (RawEventPublisher.PublishFailedException e) {
            throw new CollectorException(IngestionErrorCode.KAFKA_UNAVAILABLE,
                    "Kafka did not acknowledge the events; nothing may be assumed stored. Retry the whole request.",
                    config.retryAfterSeconds(), e);
        }
        return new IngestResponse(requestId, accepted, errors.size(),
                new IngestResponse.PartialSuccess(errors.size(), errors));
    }

    private RawRecord record(byte[] recordKey, byte[] bytes, long timestamp, ApiKeys.Key key, String contentType,
                             String requestId, int index) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RawTopicHeaders.REQUEST_ID, requestId);
        headers.put(RawTopicHeaders.API_KEY_ID, key.id());
        headers.put(RawTopicHeaders.CONTENT_TYPE, contentType);
        headers.put(RawTopicHeaders.ITEM_INDEX, Integer.toString(index));
        byte[] value = bytes;
        if (bytes.length > parser.limits().maxEventBytes()) {
            value = Arrays.copyOf(bytes, Math.min(bytes.length, config.oversizedPrefixBytes()));
            headers.put(RawTopicHeaders.TRUNCATED, "true");
            headers.put(RawTopicHeaders.ORIGINAL_SIZE, Integer.toString(bytes.length));
            headers.put(RawTopicHeaders.ORIGINAL_SHA256, sha256Hex(bytes));
            recordKey = null;
        }
        return new RawRecord(recordKey, value, timestamp, headers);
    }

    /** The source as the envelope mapping reads it: a string, or seed 003's object's {@code service}. */
    static String sourceOf(PayloadValue value) {
        if (!(value instanceof ObjectValue object)) {
            return null;
        }
        PayloadValue source = object.getOrNull("source");
        if (source instanceof StringValue s && !s.value().isBlank()) {
            return s.value();
        }
        if (source instanceof ObjectValue o && o.getOrNull("service") instanceof StringValue s && !s.value().isBlank()) {
            return s.value();
        }
        return null;
    }

    static byte[] eventIdOf(PayloadValue value) {
        if (value instanceof ObjectValue object && object.getOrNull("event_id") instanceof StringValue id
                && !id.value().isBlank()) {
            return id.value().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
