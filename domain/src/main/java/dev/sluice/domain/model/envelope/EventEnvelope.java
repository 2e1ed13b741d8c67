package dev.sluice.domain.model.envelope;

import dev.sluice.domain.model.payload.ObjectValue;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Envelope v1 (seed 000), the canonical shape of every event Sluice stores, with the optional
 * fields of seed 003.
 *
 * @param eventId globally unique id, the idempotency key (1 to 256 printable characters)
 * @param source logical producer, such as {@code payment-service}
 * @param eventType the kind of signal, such as {@code log}, {@code metric} or {@code start}
 * @param eventTimestamp when the event happened in the source system
 * @param ingestTimestamp when Sluice first received it (the Kafka record time, or the collector's receive time)
 * @param payload the semi-structured event data
 * @param metadata host, env, service and extra keys
 * @param eventVersion seed 003's version of the event's own contract, or {@code null}
 * @param correlationId seed 003's correlation id, or {@code null}
 * @param orgId seed 003's organisation id, or {@code null}
 */
public record EventEnvelope(
        String eventId,
        String source,
        String eventType,
        Instant eventTimestamp,
        Instant ingestTimestamp,
        ObjectValue payload,
        Metadata metadata,
        String eventVersion,
        String correlationId,
        String orgId) {

    public static final int MAX_ID_LENGTH = 256;

    public EventEnvelope {
        requireNonNull(eventId, "event_id is null");
        eventIdProblem(eventId).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        requireNonNull(source, "source is null");
        sourceProblem(source).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        requireNonNull(eventType, "event_type is null");
        eventTypeProblem(eventType).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        requireNonNull(eventTimestamp, "event_timestamp is null");
        requireNonNull(ingestTimestamp, "ingest_timestamp is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(metadata, "metadata is null");
    }

    /** What is wrong with {@code eventId} as an event_id, or empty when it is valid. */
    public static Optional<String> eventIdProblem(String eventId) {
        requireNonNull(eventId, "eventId is null");
        if (eventId.isEmpty() || eventId.length() > MAX_ID_LENGTH || !isPrintableAscii(eventId)) {
            return Optional.of("event_id must be 1 to " + MAX_ID_LENGTH
                    + " printable ASCII characters without spaces, got '" + abbreviate(eventId) + "'");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code source} as a source, or empty when it is valid. */
    public static Optional<String> sourceProblem(String source) {
        requireNonNull(source, "source is null");
        if (!isName(source, false)) {
            return Optional.of("source must be 1 to 128 letters, digits, '_' or '-', got '" + abbreviate(source) + "'");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code eventType} as an event_type, or empty when it is valid. */
    public static Optional<String> eventTypeProblem(String eventType) {
        requireNonNull(eventType, "eventType is null");
        if (!isName(eventType, true)) {
            return Optional.of("event_type must be 1 to 128 letters, digits, '_', '-' or '.', got '"
                    + abbreviate(eventType) + "'");
        }
        return Optional.empty();
    }

    public Optional<String> eventVersionOptional() {
        return Optional.ofNullable(eventVersion);
    }

    public Optional<String> correlationIdOptional() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<String> orgIdOptional() {
        return Optional.ofNullable(orgId);
    }

    public EventEnvelope withPayload(ObjectValue newPayload) {
        return new EventEnvelope(eventId, source, eventType, eventTimestamp, ingestTimestamp, newPayload, metadata,
                eventVersion, correlationId, orgId);
    }

    public EventEnvelope withIngestTimestamp(Instant newIngest) {
        return new EventEnvelope(eventId, source, eventType, eventTimestamp, newIngest, payload, metadata,
                eventVersion, correlationId, orgId);
    }

    /** Same as {@code [\x21-\x7E]+}, without a regex matcher per call. */
    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /**
     * Same as {@code [A-Za-z0-9][A-Za-z0-9_\-]{0,127}} ({@code dots} false) or
     * {@code [A-Za-z0-9][A-Za-z0-9_.\-]{0,127}} ({@code dots} true): a letter or
     * digit, then up to 127 letters, digits, '_', '-' (and '.').
     */
    private static boolean isName(String s, boolean dots) {
        int n = s.length();
        if (n == 0 || n > 128 || !isAsciiAlnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(isAsciiAlnum(c) || c == '_' || c == '-' || (dots && c == '.'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
