package dev.sluice.domain.model.lateness;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * One source's lateness bounds. See {@link Lateness} for how they classify an event.
 *
 * @param onTimeThreshold the largest delay that is still ON_TIME (default 15 min)
 * @param lateWindow the largest delay that is still accepted as LATE (default 48 h, seed 001's T+2 days)
 * @param futureSkew how far an event time may be ahead of the ingest time (default 5 min), for producer clock skew
 */
public record LatenessWindow(Duration onTimeThreshold, Duration lateWindow, Duration futureSkew) {

    public static final Duration DEFAULT_ON_TIME_THRESHOLD = Duration.ofMinutes(15);
    public static final Duration DEFAULT_LATE_WINDOW = Duration.ofHours(48);
    public static final Duration DEFAULT_FUTURE_SKEW = Duration.ofMinutes(5);

    public static final LatenessWindow DEFAULT =
            new LatenessWindow(DEFAULT_ON_TIME_THRESHOLD, DEFAULT_LATE_WINDOW, DEFAULT_FUTURE_SKEW);

    public LatenessWindow {
        requireNonNull(onTimeThreshold, "onTimeThreshold is null");
        requireNonNull(lateWindow, "lateWindow is null");
        requireNonNull(futureSkew, "futureSkew is null");
        if (onTimeThreshold.isNegative() || lateWindow.isNegative() || futureSkew.isNegative()) {
            throw new IllegalArgumentException("lateness durations must not be negative: onTimeThreshold "
                    + onTimeThreshold + ", lateWindow " + lateWindow + ", futureSkew " + futureSkew);
        }
        if (onTimeThreshold.compareTo(lateWindow) > 0) {
            throw new IllegalArgumentException("onTimeThreshold " + onTimeThreshold
                    + " is longer than lateWindow " + lateWindow);
        }
    }

    /** The default window with a different late window; the on-time threshold shrinks to fit if needed. */
    public static LatenessWindow ofLateWindow(Duration lateWindow) {
        requireNonNull(lateWindow, "lateWindow is null");
        Duration onTime = DEFAULT_ON_TIME_THRESHOLD.compareTo(lateWindow) > 0 ? lateWindow : DEFAULT_ON_TIME_THRESHOLD;
        return new LatenessWindow(onTime, lateWindow, DEFAULT_FUTURE_SKEW);
    }

    /** Classifies a delay ({@code ingest − event}). */
    public Lateness classify(Duration delay) {
        requireNonNull(delay, "delay is null");
        // delay < -futureSkew, without Duration.negated(), which goes through BigDecimal arithmetic.
        if (delay.plus(futureSkew).isNegative()) {
            return Lateness.FUTURE;
        }
        if (delay.compareTo(onTimeThreshold) <= 0) {
            return Lateness.ON_TIME;
        }
        if (delay.compareTo(lateWindow) <= 0) {
            return Lateness.LATE;
        }
        return Lateness.TOO_LATE;
    }

    /** How long dedup must remember an id, in ingest time, to be exact for this window. */
    public Duration dedupHorizon() {
        return lateWindow.plus(futureSkew);
    }
}
