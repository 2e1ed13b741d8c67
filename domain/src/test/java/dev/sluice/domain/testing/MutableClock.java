package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.Clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/** A clock tests move by hand. Thread-safe. */
public final class MutableClock implements Clock {

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null"));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public MutableClock set(Instant instant) {
        now.set(requireNonNull(instant, "instant is null"));
        return this;
    }

    public MutableClock advance(Duration by) {
        requireNonNull(by, "by is null");
        now.updateAndGet(t -> t.plus(by));
        return this;
    }
}
