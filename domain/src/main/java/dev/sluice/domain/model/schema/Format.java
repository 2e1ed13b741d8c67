package dev.sluice.domain.model.schema;

/** Named string formats a field may require (JSON Schema's {@code format}, plus the seeds' id shapes). */
public enum Format {
    UUID,
    /** A UUID whose version nibble is 4 (seed 001's request_id). */
    UUID_V4,
    DATE_TIME,
    DATE,
    IPV4,
    IPV6,
    EMAIL,
    /** 64 lowercase or uppercase hex digits: a SHA-256 digest (seed 001's hashed user_id). */
    HEX64,
    /** Semantic version {@code X.Y.Z} (seed 002's app_version). */
    SEMVER
}
