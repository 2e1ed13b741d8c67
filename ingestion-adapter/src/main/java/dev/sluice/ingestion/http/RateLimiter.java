package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/** One token bucket per API key; a key over its budget gets 429 with {@code Retry-After}. */
final class RateLimiter {

    private final RateLimitConfig defaults;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimitConfig defaults, LongSupplier nanoTime) {
        this.defaults = defaults;
        this.nanoTime = nanoTime;
    }

    /** Charges one request to {@code key}, or throws a 429 {@link CollectorException}. */
    void acquire(ApiKeys.Key key) {
        if (!defaults.enabled()) {
            return;
        }
        TokenBucket bucket = buckets.computeIfAbsent(key.id(), id -> new TokenBucket(
                key.burst() != null ? key.burst() : defaults.burst(),
                key.requestsPerSecond() != null ? key.requestsPerSecond() : defaults.requestsPerSecond(),
                nanoTime));
        long waitNanos = bucket.tryAcquire();
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new CollectorException(IngestionErrorCode.RATE_LIMITED,
                    "API key '" + key.id() + "' is over its rate limit; retry in " + seconds + " s", seconds, null);
        }
    }
}
