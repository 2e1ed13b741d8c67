package dev.sluice.ingestion.parse;

import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.payload.PayloadValue;

import static java.util.Objects.requireNonNull;

/**
 * One item of a request body or one Kafka record value, after the streaming parser: either a
 * well-formed JSON value, or bytes that could not be parsed within the limits, with the reason.
 * Either way the item keeps its original bytes, exactly as received.
 */
public sealed interface ParsedItem permits ParsedItem.Parsed, ParsedItem.Unparseable {

    /** The item's bytes exactly as received (a copy owned by the item; never modified). */
    byte[] bytes();

    /** The 1-based line of the body where the item starts (1 for a Kafka record). */
    int line();

    /** The 1-based byte column of the body where the item starts. */
    int column();

    /** A well-formed JSON value. It is usually an object; a top-level scalar or array is also possible. */
    record Parsed(byte[] bytes, PayloadValue value, int line, int column) implements ParsedItem {
        public Parsed {
            requireNonNull(bytes, "bytes is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * Bytes that are not a JSON value Sluice accepts.
     *
     * @param reason one of NOT_JSON, UNSUPPORTED_ENCODING, OVERSIZED, TOO_DEEP
     * @param detail what is wrong and where, with the body's line and column
     */
    record Unparseable(byte[] bytes, DeadLetterReason reason, String detail, int line, int column)
            implements ParsedItem {
        public Unparseable {
            requireNonNull(bytes, "bytes is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
            if (!reason.isParseFailure()) {
                throw new IllegalArgumentException("not a parse failure: " + reason);
            }
        }
    }
}
