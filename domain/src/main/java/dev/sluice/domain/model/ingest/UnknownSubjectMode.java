package dev.sluice.domain.model.ingest;

/** What happens to an event whose subject has no registered schema. */
public enum UnknownSubjectMode {
    /**
     * The default (seed 000 and 004): store the event with its payload unvalidated, so that the
     * registry can profile it. The envelope itself is always validated.
     */
    DISCOVER,
    /** Dead-letter the event with {@link DeadLetterReason#UNKNOWN_SUBJECT}. */
    ENFORCE
}
