package dev.sluice.domain.model.retention;

/** The kinds of data that have their own retention period (seed 001). */
public enum DataClass {
    /** Stored events, raw and typed tables. Default 90 days. */
    RAW,
    /** Rollups: daily, weekly and monthly aggregates. Default 400 days. */
    AGGREGATE,
    /** Error events (seed 001's error.json). Default 30 days. */
    ERROR,
    /** Error events of critical severity. Default 90 days. */
    CRITICAL_ERROR,
    /**
     * Dead letters. They hold the original bytes, PII included, so they go as soon as errors do:
     * default 30 days.
     */
    DEAD_LETTER
}
