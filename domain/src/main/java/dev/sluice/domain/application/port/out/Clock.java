package dev.sluice.domain.application.port.out;

import java.time.Instant;

/**
 * The domain's clock: wall-clock time, for informational timestamps only (when a dead letter was
 * written). No window, lateness class or dedup decision depends on it: those use the stream's
 * ingest time, so that a replay gives the live run's result.
 */
@FunctionalInterface
public interface Clock {

    Instant now();

    /** The system clock. */
    static Clock system() {
        return Instant::now;
    }
}
