package dev.sluice.launcher.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The small share of imperfect events the demo sends, so that the duplicate, lateness and
 * dead-letter paths can be seen working. Shares are per event.
 */
final class Anomalies {
    /** Sent again later with the same bytes: counted as a duplicate. */
    static final double DUPLICATE = 0.02;
    /** Event time one day back: LATE, stored in its own day's partition. */
    static final double LATE = 0.01;
    /** Event time four days back, beyond the 48 h window: TOO_LATE, a dead letter. */
    static final double TOO_LATE = 0.003;
    /** Event time two days ahead: FUTURE, a dead letter. */
    static final double FUTURE = 0.002;
    /** Breaks the schema (a rule, an enum, a format): a validation dead letter. */
    static final double INVALID = 0.01;
    /** Not JSON at all (cut short): a parse dead letter with its original bytes. */
    static final double MALFORMED = 0.003;

    private Anomalies() {}

    /** The event time for a new event: now, or shifted for the late, too-late and future shares. */
    static Instant eventTime(RandomGenerator random, Instant now) {
        double roll = random.nextDouble();
        if (roll < LATE) {
            return now.minus(Duration.ofHours(24)).minusSeconds(random.nextInt(3600));
        }
        if (roll < LATE + TOO_LATE) {
            return now.minus(Duration.ofDays(4)).minusSeconds(random.nextInt(3600));
        }
        if (roll < LATE + TOO_LATE + FUTURE) {
            return now.plus(Duration.ofDays(2));
        }
        return now.minusMillis(random.nextInt(1500));
    }

    static boolean invalid(RandomGenerator random) {
        return random.nextDouble() < INVALID;
    }

    static boolean duplicate(RandomGenerator random) {
        return random.nextDouble() < DUPLICATE;
    }

    static boolean malformed(RandomGenerator random) {
        return random.nextDouble() < MALFORMED;
    }

    /** JSON cut in the middle: what a crashed producer leaves behind. */
    static String cut(String json) {
        return json.substring(0, Math.max(1, json.length() / 2));
    }
}
