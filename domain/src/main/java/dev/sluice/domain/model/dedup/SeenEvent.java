package dev.sluice.domain.model.dedup;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What the seen-event index remembers of a stored event, and all it needs to: a 128-bit key, a
 * 64-bit content fingerprint and the ingest time, 32 bytes when packed as two longs, a long and a
 * long of epoch milliseconds. Nothing else of the event (its id, its payload) is kept.
 *
 * @param key the event's dedup key
 * @param fingerprint the content of the copy that was stored
 * @param ingestTime when that copy was ingested (stream time, the record timestamp)
 */
public record SeenEvent(EventKey key, ContentFingerprint fingerprint, Instant ingestTime) {

    /** Bytes an adapter needs per entry when it packs the fields: 16 + 8 + 8. */
    public static final int PACKED_BYTES = 32;

    public SeenEvent {
        requireNonNull(key, "key is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(ingestTime, "ingestTime is null");
    }
}
