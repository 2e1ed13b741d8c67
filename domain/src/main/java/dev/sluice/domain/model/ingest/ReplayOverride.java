package dev.sluice.domain.model.ingest;

/**
 * An operator's explicit permission, given when replaying a dead letter, to store an event that
 * the lateness policy would dead-letter. The stored event keeps its true lateness class, so the
 * override stays visible in the lake.
 */
public enum ReplayOverride {
    /** Store the event even though it is TOO_LATE. */
    ACCEPT_TOO_LATE,
    /** Store the event even though its timestamp is in the FUTURE. */
    ACCEPT_FUTURE
}
