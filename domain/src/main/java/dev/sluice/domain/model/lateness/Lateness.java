package dev.sluice.domain.model.lateness;

/**
 * How an event's time relates to its ingest time, with {@code delay = ingest_timestamp −
 * event_timestamp} and the source's {@link LatenessWindow}:
 * <pre>
 *   delay &lt; −futureSkew                        FUTURE    (dead letter FUTURE_TIMESTAMP)
 *   −futureSkew ≤ delay ≤ onTimeThreshold       ON_TIME   (stored)
 *   onTimeThreshold &lt; delay ≤ lateWindow       LATE      (stored, in the partition of its event date)
 *   lateWindow &lt; delay                         TOO_LATE  (dead letter TOO_LATE)
 * </pre>
 * Both bounds of ON_TIME and the upper bound of LATE are inclusive.
 */
public enum Lateness {
    ON_TIME,
    LATE,
    TOO_LATE,
    FUTURE;

    /** True when an event of this class is stored without an override. */
    public boolean isAccepted() {
        return this == ON_TIME || this == LATE;
    }
}
