package dev.sluice.ingestion;

/**
 * Header names of records on the raw topic {@code telemetry.events.raw} and on {@code {topic}.dlq}.
 * The raw topic is a public contract: a record's value is the item's bytes exactly as received,
 * its key the {@code event_id} when one can be read (else null), its timestamp the ingest time.
 * The one exception is a truncated record (header {@link #TRUNCATED}): an item too large to travel
 * through Kafka, whose value holds only a prefix; consumers must treat it as an OVERSIZED dead letter.
 */
public final class RawTopicHeaders {

    /** The collector's request id. */
    public static final String REQUEST_ID = "sluice.request_id";
    /** The id of the API key that sent the item. */
    public static final String API_KEY_ID = "sluice.api_key_id";
    /** The request's media type, as received. */
    public static final String CONTENT_TYPE = "content-type";
    /** The item's 0-based index in the request. */
    public static final String ITEM_INDEX = "sluice.item_index";
    /** Present ("true") when the value is only a prefix of an oversized item. */
    public static final String TRUNCATED = "sluice.truncated";
    /** The original size in bytes of a truncated item (decimal text). */
    public static final String ORIGINAL_SIZE = "sluice.original_size";
    /** The SHA-256 of a truncated item's full bytes (lowercase hex). */
    public static final String ORIGINAL_SHA256 = "sluice.original_sha256";
    /** On {@code {topic}.dlq}: the dead-letter reason (a DeadLetterReason name). */
    public static final String DLQ_REASON = "sluice.dlq.reason";
    /** On {@code {topic}.dlq}: the dead letter's detail. */
    public static final String DLQ_DETAIL = "sluice.dlq.detail";
    /** On {@code {topic}.dlq}: the topic the dead letter was read from (where a replay sends it back). */
    public static final String DLQ_TOPIC = "sluice.dlq.topic";
    /** On {@code {topic}.dlq}: the partition it was read from. */
    public static final String DLQ_PARTITION = "sluice.dlq.partition";
    /** On {@code {topic}.dlq}: the offset it was read from. */
    public static final String DLQ_OFFSET = "sluice.dlq.offset";

    private RawTopicHeaders() {
    }
}
