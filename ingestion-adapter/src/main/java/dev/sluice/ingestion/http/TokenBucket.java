package dev.sluice.ingestion.http;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code ratePerSecond}. Thread-safe. Time
 * comes from a nanosecond source so that tests control it.
 */
final class TokenBucket {

    private final double capacity;
    private final double ratePerNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    TokenBucket(int capacity, double ratePerSecond, LongSupplier nanoTime) {
        if (capacity < 1 || !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("a token bucket needs a capacity >= 1 and a positive rate, got "
                    + capacity + " and " + ratePerSecond);
        }
        this.capacity = capacity;
        this.ratePerNano = ratePerSecond / 1e9;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastRefill = nanoTime.getAsLong();
    }

    /**
     * Takes one token. Returns 0 when one was available, else the nanoseconds until one will be
     * (and takes nothing).
     */
    synchronized long tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano);
    }
}
