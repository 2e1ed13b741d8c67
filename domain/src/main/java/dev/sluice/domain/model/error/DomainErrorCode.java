package dev.sluice.domain.model.error;

/**
 * Stable codes of the domain's failures, so that they can be counted, alerted on and documented.
 * Modelled on Trino's {@code ErrorCodeSupplier}: each code has a number that never changes and a
 * {@link Kind} that says who must act. Expected outcomes (a dead letter, a duplicate) are values,
 * not errors, and have no code here.
 */
public enum DomainErrorCode {
    /** A rule the code relies on does not hold: a bug in Sluice. Never retried. */
    INVARIANT_VIOLATED(1, Kind.INTERNAL),
    /** A configuration value is invalid: a source mapping, a window, a retention period, a key ring. */
    INVALID_CONFIGURATION(2, Kind.CONFIGURATION),
    /** Data names a PII key id the key ring does not hold (a key was removed while still in use). */
    UNKNOWN_PII_KEY(3, Kind.CONFIGURATION),
    /** The schema catalog could not answer (registry or its cache unavailable). Retry the batch. */
    SCHEMA_CATALOG_UNAVAILABLE(100, Kind.INFRASTRUCTURE),
    /** The seen-event index could not answer exactly for a partition (not loaded, rebuild failed). */
    SEEN_EVENT_INDEX_UNAVAILABLE(101, Kind.INFRASTRUCTURE),
    /** The lake commit failed and certainly did not happen. Retry the batch. */
    LAKE_COMMIT_FAILED(102, Kind.INFRASTRUCTURE),
    /** The lake commit may or may not have happened. Re-read the committed positions before retrying. */
    LAKE_COMMIT_STATE_UNKNOWN(103, Kind.INFRASTRUCTURE),
    /** Dead letters could not be stored durably. Retry the batch; the sink is idempotent. */
    DEAD_LETTER_WRITE_FAILED(104, Kind.INFRASTRUCTURE);

    /** Who has to act on a failure. */
    public enum Kind {
        /** A defect in Sluice. */
        INTERNAL,
        /** An operator must fix the configuration. */
        CONFIGURATION,
        /** A dependency failed; retrying may succeed. */
        INFRASTRUCTURE
    }

    private final int code;
    private final Kind kind;

    DomainErrorCode(int code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    /** The stable number of this code. */
    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
