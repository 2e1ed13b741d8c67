package dev.sluice.domain.model.pii;

/** Who reads the data (seed 001's access tiers), from the most to the least trusted. */
public enum AccessTier {
    /** Builds and operates the pipelines; may join on pseudonyms of every PII class. */
    ENGINEER,
    /** Analyses experiments; may join on LOW pseudonyms (user, session), never sees HIGH fields. */
    ANALYST,
    /** Reads dashboards and rollups; sees no PII field at all, not even as a pseudonym. */
    VIEWER
}
