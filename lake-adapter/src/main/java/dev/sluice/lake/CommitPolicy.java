package dev.sluice.lake;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * When a batch is committed: at {@code maxEvents} items or {@code maxInterval} after its first item,
 * whichever comes first. Defaults 200,000 items and 5 s (see the lake ADR on commit policy).
 *
 * @param maxEvents items (stored, duplicate and dead-lettered alike) that close a batch
 * @param maxInterval age of a batch's first item that closes it
 */
public record CommitPolicy(long maxEvents, Duration maxInterval) {

    public static final CommitPolicy DEFAULT = new CommitPolicy(200_000, Duration.ofSeconds(5));

    public CommitPolicy {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be 1 or more, got " + maxEvents);
        }
        requireNonNull(maxInterval, "maxInterval is null");
        if (maxInterval.isNegative() || maxInterval.isZero()) {
            throw new IllegalArgumentException("maxInterval must be positive, got " + maxInterval);
        }
    }

    /** True when a batch of {@code items} whose first item arrived {@code age} ago must be committed now. */
    public boolean due(long items, Duration age) {
        return items >= maxEvents || items > 0 && age.compareTo(maxInterval) >= 0;
    }

    /** How long a consumer may block in poll before the batch is due. */
    public Duration remaining(Duration age) {
        Duration left = maxInterval.minus(age);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
