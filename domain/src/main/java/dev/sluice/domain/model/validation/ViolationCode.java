package dev.sluice.domain.model.validation;

/** Stable codes of validation failures. They are part of the public contract: never renumber or rename. */
public enum ViolationCode {
    /** A required member is absent or null. */
    MISSING_REQUIRED,
    /** The member has the wrong JSON type for its field type. */
    WRONG_TYPE,
    /** A string is not one of the field's enum values. */
    NOT_IN_ENUM,
    /** A string does not match the field's pattern. */
    PATTERN_MISMATCH,
    /** A string does not have the field's format (uuid, date-time, ipv4, ...). */
    FORMAT_MISMATCH,
    /** A number is below the field's minimum. */
    BELOW_MINIMUM,
    /** A number is above the field's maximum. */
    ABOVE_MAXIMUM,
    /** A string or list is shorter than the field's minimum length. */
    TOO_SHORT,
    /** A string or list is longer than the field's maximum length. */
    TOO_LONG,
    /** A member that a closed schema does not list. */
    UNKNOWN_FIELD,
    /** A cross-field rule evaluated to false. */
    RULE_VIOLATED,
    /** A cross-field rule could not be evaluated for this payload (for example a missing member). */
    RULE_ERROR
}
