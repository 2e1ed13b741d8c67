package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.Clock;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A clock that always says the same instant. */
public record FixedClock(Instant instant) implements Clock {

    public FixedClock {
        requireNonNull(instant, "instant is null");
    }

    public static FixedClock at(String isoInstant) {
        return new FixedClock(Instant.parse(isoInstant));
    }

    @Override
    public Instant now() {
        return instant;
    }
}
