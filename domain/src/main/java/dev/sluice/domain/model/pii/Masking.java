package dev.sluice.domain.model.pii;

/** How a column is shown to a reader, a decision of the {@link MaskingPolicy}. */
public enum Masking {
    /** The value as stored. For a NONE field that is the value as received. */
    CLEAR,
    /** The stored pseudonym (a PII field is never stored in clear): joinable, not reversible without the key. */
    PSEUDONYM,
    /** Nothing: the query returns null in place of the value. */
    REDACTED
}
