package dev.sluice.domain.model.schema;

/** The lifecycle status of a schema version (seed 004). */
public enum SchemaStatus {
    /** In use: producers send it, promotion proceeds. */
    ACTIVE,
    /** Superseded by a later version but still readable. */
    DEPRECATED,
    /** Removes or renames a field of its predecessor; promotion is held until it is resolved. */
    BREAKING
}
