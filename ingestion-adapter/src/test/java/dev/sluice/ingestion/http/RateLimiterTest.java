package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void aBucketAllowsItsBurstThenRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(2, 1.0, nanos::get);

        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isEqualTo(1_000_000_000L);

        nanos.addAndGet(500_000_000L);
        assertThat(bucket.tryAcquire()).isEqualTo(500_000_000L);
        nanos.addAndGet(500_000_000L);
        assertThat(bucket.tryAcquire()).isZero();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(1, 10.0, nanos::get);
        nanos.addAndGet(3_600_000_000_000L);

        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
    }

    @Test
    void overTheLimitIsRateLimitedWithRetryAfterInWholeSeconds() {
        RateLimiter limiter = new RateLimiter(new RateLimitConfig(true, 0.5, 1), nanos::get);
        ApiKeys.Key key = new ApiKeys.Key("k", new byte[32], Set.of("*"), null, null);

        limiter.acquire(key);

        assertThatThrownBy(() -> limiter.acquire(key)).isInstanceOfSatisfying(CollectorException.class, e -> {
            assertThat(e.code()).isEqualTo(IngestionErrorCode.RATE_LIMITED);
            assertThat(e.retryAfterSeconds()).isEqualTo(2);
        });
    }

    @Test
    void keysHaveTheirOwnBucketsAndMayOverrideTheDefaults() {
        RateLimiter limiter = new RateLimiter(new RateLimitConfig(true, 1, 1), nanos::get);
        ApiKeys.Key generous = new ApiKeys.Key("generous", new byte[32], Set.of("*"), 1.0, 3);
        ApiKeys.Key plain = new ApiKeys.Key("plain", new byte[32], Set.of("*"), null, null);

        limiter.acquire(generous);
        limiter.acquire(generous);
        limiter.acquire(generous);
        limiter.acquire(plain);

        assertThatThrownBy(() -> limiter.acquire(generous)).isInstanceOf(CollectorException.class);
        assertThatThrownBy(() -> limiter.acquire(plain)).isInstanceOf(CollectorException.class);
    }

    @Test
    void disabledLimiterNeverRefuses() {
        RateLimiter limiter = new RateLimiter(new RateLimitConfig(false, 1, 1), nanos::get);
        ApiKeys.Key key = new ApiKeys.Key("k", new byte[32], Set.of("*"), null, null);

        for (int i = 0; i < 10; i++) {
            limiter.acquire(key);
        }
    }
}
