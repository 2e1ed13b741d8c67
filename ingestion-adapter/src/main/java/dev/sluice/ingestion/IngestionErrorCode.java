package dev.sluice.ingestion;

/**
 * Stable codes of the ingestion adapter's refusals, for problem+json bodies, per-item errors,
 * metrics and documentation. Never rename one: producers match on them. The HTTP status is the one
 * a whole request gets; item-level codes (the parse failures, INVALID_ENVELOPE,
 * SOURCE_NOT_ALLOWED in a mixed batch) appear in the partial-success list.
 */
public enum IngestionErrorCode {
    /** No API key in {@code Authorization: Bearer ...} nor in {@code X-Api-Key}. */
    MISSING_API_KEY(401),
    /** The key is not of the form {@code <key-id>.<secret>}. */
    MALFORMED_API_KEY(401),
    /** No key has this id, or its secret does not match. */
    UNKNOWN_API_KEY(401),
    /** The key may not send events of this source (per item in a batch; 403 when no item is allowed). */
    SOURCE_NOT_ALLOWED(403),
    /** The body holds no item: empty, blank, or {@code []}. */
    EMPTY_BODY(400),
    /** The body is larger than {@code sluice.collector.max-body-bytes}. */
    BODY_TOO_LARGE(413),
    /** The content type is neither {@code application/json} nor {@code application/x-ndjson} in UTF-8. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The key has used up its request budget; retry after {@code Retry-After} seconds. */
    RATE_LIMITED(429),
    /** Kafka did not acknowledge in time; nothing may be assumed stored. Retry after {@code Retry-After}. */
    KAFKA_UNAVAILABLE(503),
    /** An item is not JSON (kept as a dead letter). */
    NOT_JSON(202),
    /** An item is not UTF-8 (kept as a dead letter). */
    UNSUPPORTED_ENCODING(202),
    /** An item is larger than the per-event limit (kept as a dead letter: prefix, size and SHA-256). */
    OVERSIZED(202),
    /** An item nests deeper than the limit (kept as a dead letter). */
    TOO_DEEP(202),
    /** An item is JSON but has no readable source: not an object, or no string {@code source} (kept as a dead letter). */
    INVALID_ENVELOPE(202),
    /** A defect in Sluice. */
    INTERNAL_ERROR(500);

    private final int httpStatus;

    IngestionErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The status of a whole request refused with this code (202 for item-level codes). */
    public int httpStatus() {
        return httpStatus;
    }
}
