package dev.sluice.domain.model.retention;

/** Whether a record is still kept. */
public enum RetentionDecision {
    KEEP,
    EXPIRE
}
