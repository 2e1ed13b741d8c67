package dev.sluice.ingestion.parse;

/** How a request body holds its items. */
public enum BodyFormat {
    /** {@code application/json}: one JSON value, or a JSON array whose elements are the items. */
    JSON,
    /** {@code application/x-ndjson}: one JSON value per line; blank lines are ignored. */
    NDJSON
}
