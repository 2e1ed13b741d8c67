package dev.sluice.domain.model.dedup;

/** What dedup decides for an event that reached it. */
public enum DedupDecision {
    /** No earlier copy in the window: store it. */
    FIRST_SEEN,
    /** An earlier copy with the same content was stored: count it, store nothing. */
    DUPLICATE,
    /** An earlier copy with different content was stored: the first wins, this one is a dead letter. */
    CONFLICTING_DUPLICATE
}
