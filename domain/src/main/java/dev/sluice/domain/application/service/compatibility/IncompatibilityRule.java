package dev.sluice.domain.application.service.compatibility;

/** Stable names of the compatibility rules a schema change can break. */
public enum IncompatibilityRule {
    /** The reader requires a field the writer may not have, and the reader has no default for it. */
    READER_FIELD_MISSING_DEFAULT,
    /** The field's type changed to one the reader cannot read the writer's values as. */
    TYPE_CHANGED,
    /** An optional field became required. */
    OPTIONAL_BECAME_REQUIRED,
    /** The writer may produce a value outside the reader's enum. */
    ENUM_VALUE_REMOVED,
    /** The reader's numeric range or length bounds are narrower than the writer's. */
    CONSTRAINT_NARROWED,
    /** The reader is a closed content model and the writer may produce members it does not list. */
    CLOSED_CONTENT_MODEL,
    /** A field the reader needs was removed from a closed writer, or renamed without an alias. */
    FIELD_REMOVED,
    /**
     * The reader's pattern differs from the writer's. Regular-expression containment is not decided,
     * so any change of pattern (or a pattern added where the writer had none) is reported.
     */
    PATTERN_CHANGED
}
