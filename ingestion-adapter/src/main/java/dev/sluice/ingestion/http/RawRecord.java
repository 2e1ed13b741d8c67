package dev.sluice.ingestion.http;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One record for the raw topic.
 *
 * @param key the event_id's UTF-8 bytes, or null when none could be read
 * @param value the item's bytes as received (or a prefix, for a truncated oversized item)
 * @param timestampMillis the receive time: the event's ingest time
 * @param headers header names and UTF-8 values, in order
 */
record RawRecord(byte[] key, byte[] value, long timestampMillis, Map<String, String> headers) {
    RawRecord {
        requireNonNull(value, "value is null");
        requireNonNull(headers, "headers is null");
    }
}
