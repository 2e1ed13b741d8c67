package dev.sluice.domain.model.ingest;

/**
 * Why an incoming item became a dead letter instead of a stored event. One enum for every channel
 * (HTTP, Kafka, backfill). The names are a public contract: they are stored in the dead-letter
 * table, sent as a Kafka header on {@code {topic}.dlq} and counted in metrics. Never rename one.
 */
public enum DeadLetterReason {
    /** The bytes are not a JSON document (syntax error, truncated document, empty body). */
    NOT_JSON,
    /** The bytes are not valid UTF-8 (or use an encoding Sluice does not read, such as UTF-16). */
    UNSUPPORTED_ENCODING,
    /** The item is larger than the configured per-event limit (1 MiB by default). */
    OVERSIZED,
    /** The JSON nests deeper than the configured limit (64 levels by default). */
    TOO_DEEP,
    /**
     * The JSON is well formed but cannot be mapped to envelope v1: it is not an object, a required
     * envelope field is missing or malformed (event_id, source, event_type, event_timestamp,
     * payload, metadata.host/env/service), or it has members envelope v1 does not define. The
     * detail names every field at fault.
     */
    INVALID_ENVELOPE,
    /** No schema is registered for {@code source.event_type} or {@code source}, and the source's policy is {@code enforce}. */
    UNKNOWN_SUBJECT,
    /** The payload breaks its schema's structure: a missing required field, a wrong type, a constraint. */
    SCHEMA_VIOLATION,
    /** The payload's structure is valid but a cross-field rule of its schema is false or cannot be evaluated. */
    RULE_VIOLATION,
    /** The event time is older than the source's late window allows, measured against the ingest time. */
    TOO_LATE,
    /** The event time is further ahead of the ingest time than the allowed clock skew. */
    FUTURE_TIMESTAMP,
    /**
     * An event with the same key (source and event_id) was already stored with different content.
     * The first copy stays; this one is kept here so that nothing is silently dropped.
     */
    CONFLICTING_DUPLICATE;

    /** True for the reasons an adapter reports for items it could not parse. */
    public boolean isParseFailure() {
        return this == NOT_JSON || this == UNSUPPORTED_ENCODING || this == OVERSIZED || this == TOO_DEEP;
    }
}
