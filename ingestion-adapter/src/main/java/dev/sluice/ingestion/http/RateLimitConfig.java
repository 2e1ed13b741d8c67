package dev.sluice.ingestion.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The default per-key rate limit ({@code sluice.collector.rate-limit.*}), a token bucket counted in
 * requests. A key may override both values.
 *
 * @param enabled false turns rate limiting off
 * @param requestsPerSecond the sustained rate
 * @param burst the bucket's size: requests that may arrive at once
 */
@ConfigurationProperties("sluice.collector.rate-limit")
record RateLimitConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "100") double requestsPerSecond,
        @Bindable(defaultValue = "200") int burst) {

    RateLimitConfig {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("sluice.collector.rate-limit.requests-per-second must be positive, got "
                    + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("sluice.collector.rate-limit.burst must be at least 1, got " + burst);
        }
    }
}
